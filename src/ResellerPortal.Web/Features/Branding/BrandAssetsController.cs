using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Branding;
using ResellerPortal.Web.Branding;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Branding;

/// <summary>
/// A reseller's stylesheet and images for its client portal, public because the login page shows them before
/// anyone signs in. Both URLs carry a version (a hash), so they are cached for a year; an image is served only
/// under its own reseller's id, slot and current version (anything else is a 404), with its stored content
/// type and <c>nosniff</c>.
/// </summary>
[AllowAnonymous]
[Route("brand")]
public sealed class BrandAssetsController(PortalDbContext db) : Controller
{
    private const string Immutable = "public, max-age=31536000, immutable";

    [HttpGet("{resellerId:guid}/{version}.css")]
    public async Task<IActionResult> Stylesheet(Guid resellerId, string version, CancellationToken ct)
    {
        if (!await db.Resellers.AnyAsync(r => r.Id == resellerId && r.IsActive, ct))
        {
            return NotFound();
        }

        var settings = await StoredClientBrands.SettingsAsync(db, resellerId, ct);
        var css = BrandStylesheet.Render(settings?.ColourValues ?? BrandColours.Defaults);
        // An older version (a page rendered just before a change) gets today's colours, but is not kept.
        Response.Headers.CacheControl = BrandStylesheet.Version(css) == version ? Immutable : "no-cache";
        return Content(css, "text/css; charset=utf-8");
    }

    [HttpGet("{resellerId:guid}/images/{slot}/{version}")]
    public async Task<IActionResult> Image(Guid resellerId, string slot, string version, CancellationToken ct)
    {
        // Names only: Enum.TryParse would also take "1" or "1,2".
        var known = Enum.GetValues<BrandImageSlot>().Where(s => s.ToString() == slot).Select(s => (BrandImageSlot?)s).SingleOrDefault();
        if (known is null || version.Length != 16)
        {
            return NotFound();
        }

        var image = await db.BrandImages.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AsNoTracking()
            .Where(i => i.ResellerId == resellerId && i.Slot == known && i.Version == version
                && db.Resellers.Any(r => r.Id == resellerId && r.IsActive))
            .Select(i => new { i.ContentType, i.Bytes })
            .SingleOrDefaultAsync(ct);
        if (image is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = Immutable;
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(image.Bytes, image.ContentType);
    }
}
