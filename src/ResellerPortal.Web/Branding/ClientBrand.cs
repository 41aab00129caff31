using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Branding;

/// <summary>A field of the client sign-up form (§7), and whether the reseller shows and requires it.</summary>
public sealed record SignupField(string Name, bool Shown, bool Required);

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
    IReadOnlyList<SignupField> SignupFields,
    IReadOnlySet<string> VisibleElements,
    IReadOnlyList<string> WebsiteOrigins,
    string? SenderName,
    string? ReplyTo);

/// <summary>
/// The brand of a reseller's client portal. The default implementation gives every reseller the
/// plain look under its own name; the branding feature replaces it with the reseller's settings.
/// </summary>
public interface IClientBrands
{
    /// <summary>The reseller's brand, or null when there is no such (active) reseller.</summary>
    Task<ClientBrand?> ForResellerAsync(Guid resellerId, CancellationToken ct);
}

public sealed class DefaultClientBrands(PortalDbContext db) : IClientBrands
{
    /// <summary>Elements a client sees when the reseller has not chosen.</summary>
    public static readonly IReadOnlySet<string> AllElements = new HashSet<string>(StringComparer.Ordinal)
    {
        "balance", "transactions", "statements", "dids", "basket", "usage", "profile",
    };

    public static readonly IReadOnlyList<SignupField> DefaultSignupFields =
    [
        new("FirstName", true, true), new("LastName", true, false), new("Company", true, false), new("Address", false, false),
        new("City", false, false), new("State", false, false), new("Country", true, false), new("Zip", false, false),
        new("Phone", true, false), new("VatNumber", true, false),
    ];

    public async Task<ClientBrand?> ForResellerAsync(Guid resellerId, CancellationToken ct)
    {
        var reseller = await db.Resellers.AsNoTracking()
            .Where(r => r.Id == resellerId && r.IsActive).Select(r => new { r.Id, r.Name, r.Slug }).SingleOrDefaultAsync(ct);
        return reseller is null
            ? null
            : new ClientBrand(
                reseller.Id, reseller.Slug, reseller.Name, null, null, null, null, null, string.Empty,
                ShowForgotPassword: true, SignupEnabled: false, DefaultSignupFields, AllElements, [], reseller.Name, null);
    }
}
