using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Branding;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Branding;

/// <summary>
/// Each reseller's brand as it saved it on the branding page, or the defaults where it has not. Read by the
/// client portal before anyone is signed in, so it names the reseller explicitly instead of relying on the
/// request's tenant.
/// </summary>
public sealed class StoredClientBrands(PortalDbContext db) : IClientBrands
{
    public async Task<ClientBrand?> ForResellerAsync(Guid resellerId, CancellationToken ct)
    {
        var reseller = await db.Resellers.AsNoTracking()
            .Where(r => r.Id == resellerId && r.IsActive).Select(r => new { r.Id, r.Name, r.Slug }).SingleOrDefaultAsync(ct);
        if (reseller is null)
        {
            return null;
        }

        var settings = await SettingsAsync(db, resellerId, ct);
        if (settings is null)
        {
            return new ClientBrand(
                reseller.Id, reseller.Slug, reseller.Name, StylesheetUrl(reseller.Id, BrandColours.Defaults), null, null, null, null, string.Empty,
                ShowForgotPassword: true, SignupEnabled: false, SignupFields.Defaults, ClientElements.All.Select(e => e.Key).ToHashSet(StringComparer.Ordinal), [], reseller.Name, null);
        }

        string? Image(BrandImageSlot slot) => settings.ImageVersion(slot) is { } version ? BrandStylesheet.ImageUrl(reseller.Id, slot, version) : null;
        return new ClientBrand(
            reseller.Id,
            reseller.Slug,
            settings.Title,
            StylesheetUrl(reseller.Id, settings.ColourValues),
            Image(BrandImageSlot.HeaderLogo),
            Image(BrandImageSlot.LoginLogo),
            Image(BrandImageSlot.LoginBackground),
            Image(BrandImageSlot.ContentLogo),
            WelcomeText.Sanitize(settings.WelcomeHtml),
            settings.ShowForgotPassword,
            settings.SignupEnabled,
            settings.SignupFieldChoices,
            settings.VisibleElementKeys,
            settings.WebsiteOriginList,
            settings.SenderName ?? reseller.Name,
            settings.ReplyTo);
    }

    /// <summary>A reseller's stored settings whoever asks (the public stylesheet and images, e-mails sent from a job or the client portal).</summary>
    public static Task<BrandSettings?> SettingsAsync(PortalDbContext db, Guid resellerId, CancellationToken ct) =>
        db.BrandSettings.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AsNoTracking().SingleOrDefaultAsync(b => b.ResellerId == resellerId, ct);

    private static string StylesheetUrl(Guid resellerId, IReadOnlyDictionary<string, string> colours) =>
        BrandStylesheet.Url(resellerId, BrandStylesheet.Version(BrandStylesheet.Render(colours)));
}
