using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Branding;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Branding;

/// <summary>Every setting of the manual's "Branding Management", "Display Elements" and "Signup Form Fields" (seed 003).</summary>
public sealed class BrandingForm
{
    public const int OriginsTextMaxLength = BrandSettings.OriginsMaxLength + 100;

    public string? Title { get; set; }

    /// <summary>By <see cref="ColourSlot.Name"/>: <c>Colours[Background]</c>.</summary>
    public Dictionary<string, string?> Colours { get; set; } = new(StringComparer.Ordinal);

    public IFormFile? LoginBackground { get; set; }

    public IFormFile? LoginLogo { get; set; }

    public IFormFile? HeaderLogo { get; set; }

    public IFormFile? ContentLogo { get; set; }

    /// <summary>The slots whose stored image is to be removed.</summary>
    public List<BrandImageSlot> RemoveImages { get; set; } = [];

    public string? WelcomeHtml { get; set; }

    public List<string> Elements { get; set; } = [];

    public bool ShowForgotPassword { get; set; }

    public bool SignupEnabled { get; set; }

    public List<string> SignupShown { get; set; } = [];

    public List<string> SignupRequired { get; set; } = [];

    /// <summary>One origin a line.</summary>
    public string? WebsiteOrigins { get; set; }

    // Shown on the page, never read from a post.
    public Guid ResellerId { get; set; }

    public string Slug { get; set; } = string.Empty;

    public string PortalBaseUrl { get; set; } = string.Empty;

    public Dictionary<BrandImageSlot, string> StoredImages { get; set; } = [];

    public IFormFile? Upload(BrandImageSlot slot) => slot switch
    {
        BrandImageSlot.LoginBackground => LoginBackground,
        BrandImageSlot.LoginLogo => LoginLogo,
        BrandImageSlot.HeaderLogo => HeaderLogo,
        BrandImageSlot.ContentLogo => ContentLogo,
    };

    public IReadOnlyList<string> OriginLines() =>
        (WebsiteOrigins ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<SignupFieldChoice> SignupChoices() =>
        SignupFields.Complete(SignupFields.All.Select(f => new SignupFieldChoice(f.Name, SignupShown.Contains(f.Name), SignupRequired.Contains(f.Name))));

    public static BrandingForm From(BrandSettings settings) => new()
    {
        Title = settings.Title,
        Colours = settings.ColourValues.ToDictionary(c => c.Key, c => (string?)c.Value, StringComparer.Ordinal),
        WelcomeHtml = settings.WelcomeHtml,
        Elements = [.. settings.VisibleElementKeys],
        ShowForgotPassword = settings.ShowForgotPassword,
        SignupEnabled = settings.SignupEnabled,
        SignupShown = [.. settings.SignupFieldChoices.Where(c => c.Shown).Select(c => c.Name)],
        SignupRequired = [.. settings.SignupFieldChoices.Where(c => c.Required).Select(c => c.Name)],
        WebsiteOrigins = string.Join("\n", settings.WebsiteOriginList),
        StoredImages = Enum.GetValues<BrandImageSlot>().Where(s => settings.ImageVersion(s) is not null).ToDictionary(s => s, s => settings.ImageVersion(s)!),
    };

    /// <summary>What the page shows beside the form: the reseller's id and slug, the portal's address and the stored images.</summary>
    public async Task FillAsync(PortalDbContext db, Guid resellerId, string portalBaseUrl, CancellationToken ct)
    {
        ResellerId = resellerId;
        Slug = await db.Resellers.Where(r => r.Id == resellerId).Select(r => r.Slug).SingleAsync(ct);
        PortalBaseUrl = portalBaseUrl;
        var stored = await db.BrandSettings.AsNoTracking().SingleOrDefaultAsync(ct);
        StoredImages = stored is null ? []
            : Enum.GetValues<BrandImageSlot>().Where(s => stored.ImageVersion(s) is not null).ToDictionary(s => s, s => stored.ImageVersion(s)!);
    }
}

/// <summary>The simple rules of the branding form; the uploads' size and real type are checked by <see cref="BrandImageUploads"/>.</summary>
public sealed class BrandingFormValidator : AbstractValidator<BrandingForm>
{
    public BrandingFormValidator()
    {
        RuleFor(x => x.Title).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the portal's title.")
            .MaximumLength(BrandSettings.TitleMaxLength);
        RuleFor(x => x.Colours).Custom((colours, context) =>
        {
            foreach (var slot in BrandColours.Slots)
            {
                if (!BrandColours.IsColour(colours.GetValueOrDefault(slot.Name)?.Trim()))
                {
                    context.AddFailure($"Colours[{slot.Name}]", BrandColours.NotAColour);
                }
            }
        });
        RuleFor(x => x.WelcomeHtml).MaximumLength(BrandSettings.WelcomeMaxLength)
            .WithMessage($"The welcome text has at most {BrandSettings.WelcomeMaxLength} characters.");
        RuleFor(x => x.Elements).Must(e => e.All(ClientElements.IsKnown)).WithMessage("Choose elements from the list.");
        RuleFor(x => x.SignupShown).Must(f => f.All(n => SignupFields.All.Any(a => a.Name == n))).WithMessage("Choose fields from the list.");
        RuleFor(x => x.SignupRequired).Must(f => f.All(n => SignupFields.All.Any(a => a.Name == n))).WithMessage("Choose fields from the list.");
        RuleFor(x => x.WebsiteOrigins).Cascade(CascadeMode.Stop)
            .MaximumLength(BrandingForm.OriginsTextMaxLength)
            .Must((form, _) => form.OriginLines().Count <= BrandSettings.MaxOrigins).WithMessage($"Enter at most {BrandSettings.MaxOrigins} origins.")
            .Must((form, _) => form.OriginLines().All(WebsiteOrigin.IsValid)).WithMessage(form =>
                $"'{form.OriginLines().First(o => !WebsiteOrigin.IsValid(o))}': {WebsiteOrigin.Refusal}");
    }
}
