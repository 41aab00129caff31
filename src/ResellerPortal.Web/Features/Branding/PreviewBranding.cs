using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Branding;
using ResellerPortal.Web.Branding;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Branding;

/// <summary>The client portal as the unsaved form would make it look.</summary>
public sealed record BrandPreview(
    string Title,
    string StylesheetUrl,
    IReadOnlyDictionary<BrandImageSlot, string> Images,
    string WelcomeHtml,
    bool ShowForgotPassword,
    bool SignupEnabled,
    IReadOnlySet<string> VisibleElements);

/// <summary>
/// Renders the branding form's unsaved values without saving anything (seed 003's "Preview"). The colours
/// travel to a temporary stylesheet inside a short-lived, signed key in its URL (<c>/branding/preview.css?key=…</c>),
/// so any node can serve it and nothing is stored; new images are shown from the upload itself (data: URLs,
/// which the CSP allows for images), stored ones from their URLs.
/// </summary>
public sealed class PreviewBranding(
    PortalDbContext db, IValidator<BrandingForm> validator, IOptions<BrandingOptions> options, IDataProtectionProvider protection)
{
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromMinutes(30);

    public async Task<Result<BrandPreview>> HandleAsync(BrandingForm form, CancellationToken ct)
    {
        var input = await BrandImageUploads.CheckFormAsync(validator, form, options.Value.MaxImageBytes, ct);
        if (!input.IsDone)
        {
            return new Refusals(input.Refusals);
        }

        var uploads = input.Value;

        var resellerId = db.Tenant.ResellerId ?? throw new InvalidOperationException("Branding is previewed by a reseller's admin.");
        var stored = await db.BrandSettings.AsNoTracking().SingleOrDefaultAsync(ct);
        var images = new Dictionary<BrandImageSlot, string>();
        foreach (var slot in Enum.GetValues<BrandImageSlot>())
        {
            if (uploads.FirstOrDefault(u => u.Slot == slot) is { } upload)
            {
                images[slot] = upload.DataUri;
            }
            else if (!form.RemoveImages.Contains(slot) && stored?.ImageVersion(slot) is { } version)
            {
                images[slot] = BrandStylesheet.ImageUrl(resellerId, slot, version);
            }
        }

        var change = SaveBranding.Change(form);
        var colours = BrandColours.Slots.ToDictionary(s => s.Name, s => BrandColours.Normalize(s.Name, change.Colours.GetValueOrDefault(s.Name)), StringComparer.Ordinal);
        var key = Protector(resellerId).Protect(JsonSerializer.Serialize(colours), KeyLifetime);
        return new BrandPreview(
            change.Title.Trim(),
            "/branding/preview.css?key=" + Uri.EscapeDataString(key),
            images,
            change.WelcomeHtml,
            change.ShowForgotPassword,
            change.SignupEnabled,
            change.VisibleElements.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The temporary stylesheet of a preview key, or not found when the key is not one of this reseller's or has expired.</summary>
    public Result<string> Stylesheet(string? key)
    {
        if (string.IsNullOrEmpty(key) || db.Tenant.ResellerId is not { } resellerId)
        {
            return Result.NotFound;
        }

        try
        {
            var colours = JsonSerializer.Deserialize<Dictionary<string, string>>(Protector(resellerId).Unprotect(key, out _));
            return colours is null ? Result.NotFound : BrandStylesheet.Render(colours);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return Result.NotFound;
        }
    }

    private ITimeLimitedDataProtector Protector(Guid resellerId) =>
        protection.CreateProtector("ResellerPortal.Branding.Preview", resellerId.ToString()).ToTimeLimitedDataProtector();
}
