using System.Text.RegularExpressions;

namespace ResellerPortal.Domain.Instances;

/// <summary>
/// The instance name ("Client"): part of the instance's URL, so lower-case letters, digits and
/// inner dashes, 3–30 characters. Input is trimmed and lower-cased first: names are unique
/// case-insensitively, so "Acme" and "acme" are the same name.
/// </summary>
public static partial class InstanceName
{
    public const int MinLength = 3;
    public const int MaxLength = 30;

    public static string Normalize(string? name) => (name ?? string.Empty).Trim().ToLowerInvariant();

    /// <summary>Null when the (normalised) name is well-formed, else the reason.</summary>
    public static string? FormatProblem(string? name)
    {
        var normalized = Normalize(name);
        if (normalized.Length == 0)
        {
            return "Enter a name.";
        }

        if (normalized.Length is < MinLength or > MaxLength)
        {
            return $"Use {MinLength} to {MaxLength} characters.";
        }

        if (!Pattern().IsMatch(normalized))
        {
            return "Use only lower-case letters, digits and dashes, not starting or ending with a dash.";
        }

        return null;
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
