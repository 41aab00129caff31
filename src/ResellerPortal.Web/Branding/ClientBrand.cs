using ResellerPortal.Domain.Branding;

namespace ResellerPortal.Web.Branding;

/// <summary>
/// How a reseller's client portal looks and behaves (§7), as the client portal reads it. URLs are
/// null where the reseller has not uploaded an image; <see cref="WelcomeHtml"/> is already sanitised.
/// </summary>
public sealed record ClientBrand(
    Guid ResellerId,
    string Slug,
    string Title,
    string? StylesheetUrl,
    string? HeaderLogoUrl,
    string? LoginLogoUrl,
    string? LoginBackgroundUrl,
    string? ContentLogoUrl,
    string WelcomeHtml,
    bool ShowForgotPassword,
    bool SignupEnabled,
    IReadOnlyList<SignupFieldChoice> SignupFields,
    IReadOnlySet<string> VisibleElements,
    IReadOnlyList<string> WebsiteOrigins,
    string? SenderName,
    string? ReplyTo)
{
    /// <summary>The contact fields the reseller shows on signup, which are also those its clients may change on their profile.</summary>
    public IReadOnlySet<string> ShownFields { get; } = SignupFields.Where(f => f.Shown).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The contact fields signup requires.</summary>
    public IReadOnlySet<string> RequiredFields { get; } = SignupFields.Where(f => f.Shown && f.Required).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// The brand of a reseller's client portal (<see cref="StoredClientBrands"/>: the reseller's settings, or the
/// plain look under its own name when it has none).
/// </summary>
public interface IClientBrands
{
    /// <summary>The reseller's brand, or null when there is no such (active) reseller.</summary>
    Task<ClientBrand?> ForResellerAsync(Guid resellerId, CancellationToken ct);
}
