using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Branding;
using ResellerPortal.Web.Branding;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Branding;

/// <summary>
/// Saves the reseller's brand: settings, welcome text (sanitised), and the images uploaded or removed, in one
/// save. The reseller is the signed-in admin's; nothing in the form names it.
/// </summary>
public sealed class SaveBranding(
    PortalDbContext db, IValidator<BrandingForm> validator, IOptions<BrandingOptions> options, TimeProvider clock)
{
    public async Task<Result<BrandingForm>> LoadAsync(CancellationToken ct)
    {
        var resellerId = ResellerId();
        var settings = await db.BrandSettings.AsNoTracking().SingleOrDefaultAsync(ct)
            ?? new BrandSettings(resellerId, await db.Resellers.Where(r => r.Id == resellerId).Select(r => r.Name).SingleAsync(ct), clock.GetUtcNow());
        return BrandingForm.From(settings);
    }

    public async Task<Result<BrandSettings>> HandleAsync(BrandingForm form, CancellationToken ct)
    {
        var input = await BrandImageUploads.CheckFormAsync(validator, form, options.Value.MaxImageBytes, ct);
        if (!input.IsDone)
        {
            return new Refusals(input.Refusals);
        }

        var images = input.Value;

        var resellerId = ResellerId();
        var now = clock.GetUtcNow();
        var settings = await db.BrandSettings.SingleOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = new BrandSettings(resellerId, form.Title!, now);
            db.BrandSettings.Add(settings);
        }

        settings.Change(Change(form), now);
        var stored = await db.BrandImages.ToListAsync(ct);
        foreach (var slot in form.RemoveImages.Distinct())
        {
            if (stored.FirstOrDefault(i => i.Slot == slot) is { } old)
            {
                db.BrandImages.Remove(old);
            }

            settings.SetImage(slot, null, now);
        }

        foreach (var image in images)
        {
            var row = stored.FirstOrDefault(i => i.Slot == image.Slot);
            if (row is null)
            {
                row = new BrandImage(resellerId, image.Slot, image.Type, image.Bytes, now);
                db.BrandImages.Add(row);
            }
            else
            {
                row.Replace(image.Type, image.Bytes, now);
            }

            settings.SetImage(image.Slot, row.Version, now);
        }

        await db.SaveChangesAsync(ct);
        return settings;
    }

    /// <summary>The form as the domain takes it, the welcome text sanitised.</summary>
    public static BrandChange Change(BrandingForm form) => new(
        form.Title ?? string.Empty,
        form.Colours.ToDictionary(c => c.Key, c => c.Value ?? string.Empty, StringComparer.Ordinal),
        WelcomeText.Sanitize(form.WelcomeHtml),
        form.ShowForgotPassword,
        form.SignupEnabled,
        form.SignupChoices(),
        form.Elements,
        form.OriginLines());

    private Guid ResellerId() => db.Tenant.ResellerId ?? throw new InvalidOperationException("Branding is edited by a reseller's admin.");
}
