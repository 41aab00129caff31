using System.Text.RegularExpressions;

namespace ResellerPortal.Domain.Branding;

/// <summary>Where a colour of the client portal is used (§7; seed 003 "Title and Colors", "Edit buttons", "Edit Panels").</summary>
public enum ColourGroup
{
    Layout,
    Buttons,
    Panels,
}

/// <summary>One colour a reseller sets: its name (the form field and stored key), label, group, default and CSS custom property.</summary>
public sealed record ColourSlot(string Name, string Label, ColourGroup Group, string Default, string CssProperty);

/// <summary>
/// The colours of a reseller's client portal. A colour is <c>#rgb</c> or <c>#rrggbb</c> and nothing else, so
/// whatever reaches the generated stylesheet is a colour: no <c>;</c>, <c>}</c>, <c>url(</c> or comment can.
/// </summary>
public static partial class BrandColours
{
    public const int MaxLength = 7;

    public static readonly IReadOnlyList<ColourSlot> Slots =
    [
        new("Background", "Background", ColourGroup.Layout, "#f8f9fa", "--brand-background"),
        new("Text", "Text", ColourGroup.Layout, "#212529", "--brand-text"),
        new("Link", "Links", ColourGroup.Layout, "#0d6efd", "--brand-link"),
        new("Navigation", "Navigation bar", ColourGroup.Layout, "#212529", "--brand-navigation"),
        new("NavigationText", "Navigation bar text", ColourGroup.Layout, "#ffffff", "--brand-navigation-text"),
        new("PrimaryButton", "Primary button", ColourGroup.Buttons, "#0d6efd", "--brand-primary"),
        new("PrimaryButtonText", "Primary button text", ColourGroup.Buttons, "#ffffff", "--brand-primary-text"),
        new("SuccessButton", "Success button", ColourGroup.Buttons, "#198754", "--brand-success"),
        new("SuccessButtonText", "Success button text", ColourGroup.Buttons, "#ffffff", "--brand-success-text"),
        new("ExitButton", "Exit button", ColourGroup.Buttons, "#6c757d", "--brand-exit"),
        new("ExitButtonText", "Exit button text", ColourGroup.Buttons, "#ffffff", "--brand-exit-text"),
        new("DeleteButton", "Delete button", ColourGroup.Buttons, "#dc3545", "--brand-delete"),
        new("DeleteButtonText", "Delete button text", ColourGroup.Buttons, "#ffffff", "--brand-delete-text"),
        new("Panel", "Panel background", ColourGroup.Panels, "#ffffff", "--brand-panel"),
        new("PanelHeader", "Panel header", ColourGroup.Panels, "#e9ecef", "--brand-panel-header"),
        new("PanelText", "Panel text", ColourGroup.Panels, "#212529", "--brand-panel-text"),
    ];

    public static string Heading(ColourGroup group) => group switch
    {
        ColourGroup.Layout => "Colours",
        ColourGroup.Buttons => "Buttons (background and text)",
        ColourGroup.Panels => "Panels",
    };

    public static IReadOnlyDictionary<string, string> Defaults { get; } = Slots.ToDictionary(s => s.Name, s => s.Default, StringComparer.Ordinal);

    /// <summary>True for <c>#rgb</c> and <c>#rrggbb</c> (hex digits, either case) only.</summary>
    public static bool IsColour(string? value) => value is not null && ColourPattern().IsMatch(value);

    /// <summary>The stored form of a colour: trimmed and lower-case; throws for anything that is not one.</summary>
    public static string Normalize(string field, string? value)
    {
        var trimmed = value?.Trim();
        return IsColour(trimmed)
            ? trimmed!.ToLowerInvariant()
            : throw new RuleViolationException(field, NotAColour);
    }

    public const string NotAColour = "Enter a colour as #rgb or #rrggbb, e.g. #1a6fb0.";

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex("^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ColourPattern();
}
