using System.Globalization;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain.Branding;

/// <summary>The images a reseller can put on its client portal (seed 003 "Images").</summary>
public enum BrandImageSlot
{
    LoginBackground,
    LoginLogo,
    HeaderLogo,
    ContentLogo,
}

/// <summary>What the branding form changes at once (everything but the images and the sender).</summary>
public sealed record BrandChange(
    string Title,
    IReadOnlyDictionary<string, string> Colours,
    string WelcomeHtml,
    bool ShowForgotPassword,
    bool SignupEnabled,
    IReadOnlyList<SignupFieldChoice> SignupFields,
    IReadOnlyCollection<string> VisibleElements,
    IReadOnlyList<string> WebsiteOrigins);

/// <summary>
/// How one reseller's client portal looks and behaves (§7). One row per reseller, made on its first save;
/// until then the defaults apply. Every change is audited; the images' bytes live in <see cref="BrandImage"/>
/// and only their versions here, so the trail says when an image changed without copying it.
/// </summary>
public sealed class BrandSettings : ITenantOwned, IAudited
{
    public const int TitleMaxLength = 100;
    public const int WelcomeMaxLength = 20_000;
    public const int SenderNameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int MaxOrigins = 10;
    public const int OriginsMaxLength = MaxOrigins * (WebsiteOrigin.MaxLength + 1);

    private BrandSettings()
    {
        Title = string.Empty;
        Colours = string.Empty;
        WelcomeHtml = string.Empty;
        SignupFields = string.Empty;
        VisibleElements = string.Empty;
        WebsiteOrigins = string.Empty;
    }

    public BrandSettings(Guid resellerId, string title, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        ResellerId = resellerId;
        Title = title;
        Colours = FormatColours(BrandColours.Defaults);
        WelcomeHtml = string.Empty;
        ShowForgotPassword = true;
        SignupFields = Branding.SignupFields.Format(Branding.SignupFields.Defaults);
        VisibleElements = string.Join(",", ClientElements.All.Select(e => e.Key));
        WebsiteOrigins = string.Empty;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid ResellerId { get; private set; }

    /// <summary>The window title and the heading of the client portal.</summary>
    public string Title { get; private set; }

    /// <summary>Every colour as <c>Name=#rrggbb</c>, separated by <c>;</c>, in the order of <see cref="BrandColours.Slots"/>.</summary>
    public string Colours { get; private set; }

    /// <summary>Already sanitised when saved; sanitised again when shown.</summary>
    public string WelcomeHtml { get; private set; }

    public bool ShowForgotPassword { get; private set; }

    public bool SignupEnabled { get; private set; }

    /// <summary>See <see cref="Branding.SignupFields.Format"/>.</summary>
    public string SignupFields { get; private set; }

    /// <summary>The keys of <see cref="ClientElements"/> clients see, comma-separated.</summary>
    public string VisibleElements { get; private set; }

    /// <summary>The origins (<c>https://host[:port]</c>) the direct-login form may be posted from, one a line.</summary>
    public string WebsiteOrigins { get; private set; }

    /// <summary>The name e-mails to clients come from; null: the reseller's name.</summary>
    public string? SenderName { get; private set; }

    /// <summary>Where clients' replies go; null: no Reply-To.</summary>
    public string? ReplyTo { get; private set; }

    public string? LoginBackgroundImage { get; private set; }

    public string? LoginLogoImage { get; private set; }

    public string? HeaderLogoImage { get; private set; }

    public string? ContentLogoImage { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyDictionary<string, string> ColourValues => ParseColours(Colours);

    public IReadOnlyList<SignupFieldChoice> SignupFieldChoices => Branding.SignupFields.Parse(SignupFields);

    public IReadOnlySet<string> VisibleElementKeys =>
        VisibleElements.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(ClientElements.IsKnown).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<string> WebsiteOriginList => WebsiteOrigins.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Change(BrandChange change, DateTimeOffset now)
    {
        var title = change.Title.Trim();
        if (title.Length is 0 or > TitleMaxLength)
        {
            throw new RuleViolationException(nameof(Title), $"Enter a title of at most {TitleMaxLength} characters.");
        }

        if (change.WelcomeHtml.Length > WelcomeMaxLength)
        {
            throw new RuleViolationException(nameof(WelcomeHtml), $"The welcome text has at most {WelcomeMaxLength} characters.");
        }

        var colours = BrandColours.Slots.ToDictionary(
            s => s.Name,
            s => BrandColours.Normalize(s.Name, change.Colours.GetValueOrDefault(s.Name)),
            StringComparer.Ordinal);
        var unknown = change.VisibleElements.FirstOrDefault(e => !ClientElements.IsKnown(e));
        if (unknown is not null)
        {
            throw new RuleViolationException(nameof(VisibleElements), "Choose elements from the list.");
        }

        if (change.WebsiteOrigins.Count > MaxOrigins)
        {
            throw new RuleViolationException(nameof(WebsiteOrigins), $"Enter at most {MaxOrigins} origins.");
        }

        var origins = change.WebsiteOrigins.Select(o => WebsiteOrigin.Normalize(nameof(WebsiteOrigins), o)).Distinct(StringComparer.Ordinal).ToList();
        Title = title;
        Colours = FormatColours(colours);
        WelcomeHtml = change.WelcomeHtml;
        ShowForgotPassword = change.ShowForgotPassword;
        SignupEnabled = change.SignupEnabled;
        SignupFields = Branding.SignupFields.Format(change.SignupFields);
        VisibleElements = string.Join(",", ClientElements.All.Select(e => e.Key).Where(change.VisibleElements.Contains));
        WebsiteOrigins = string.Join("\n", origins);
        UpdatedAt = now;
    }

    public void SetSender(string? senderName, string? replyTo, DateTimeOffset now)
    {
        var name = string.IsNullOrWhiteSpace(senderName) ? null : senderName.Trim();
        if (name is not null && (name.Length > SenderNameMaxLength || name.Any(char.IsControl)))
        {
            throw new RuleViolationException(nameof(SenderName), $"Enter a name of at most {SenderNameMaxLength} characters on one line.");
        }

        SenderName = name;
        ReplyTo = string.IsNullOrWhiteSpace(replyTo) ? null : replyTo.Trim();
        UpdatedAt = now;
    }

    public string? ImageVersion(BrandImageSlot slot) => slot switch
    {
        BrandImageSlot.LoginBackground => LoginBackgroundImage,
        BrandImageSlot.LoginLogo => LoginLogoImage,
        BrandImageSlot.HeaderLogo => HeaderLogoImage,
        BrandImageSlot.ContentLogo => ContentLogoImage,
    };

    /// <summary>Records which version of an image is shown (null: none), in the same save as the image itself.</summary>
    public void SetImage(BrandImageSlot slot, string? version, DateTimeOffset now)
    {
        switch (slot)
        {
            case BrandImageSlot.LoginBackground:
                LoginBackgroundImage = version;
                break;
            case BrandImageSlot.LoginLogo:
                LoginLogoImage = version;
                break;
            case BrandImageSlot.HeaderLogo:
                HeaderLogoImage = version;
                break;
            case BrandImageSlot.ContentLogo:
                ContentLogoImage = version;
                break;
        }

        UpdatedAt = now;
    }

    public static string FormatColours(IReadOnlyDictionary<string, string> colours) =>
        string.Join(";", BrandColours.Slots.Select(s => s.Name + "=" + colours.GetValueOrDefault(s.Name, s.Default)));

    /// <summary>Every slot's colour: the stored one when it is a colour, else the default (nothing else ever leaves here).</summary>
    public static IReadOnlyDictionary<string, string> ParseColours(string stored)
    {
        var pairs = stored.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
        return BrandColours.Slots.ToDictionary(
            s => s.Name,
            s => pairs.TryGetValue(s.Name, out var value) && BrandColours.IsColour(value) ? value.ToLower(CultureInfo.InvariantCulture) : s.Default,
            StringComparer.Ordinal);
    }
}
