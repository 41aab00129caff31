using FluentValidation;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Resellers;

/// <summary>The PlatformAdmin adds a reseller (a new tenant).</summary>
public sealed class CreateReseller(PortalDbContext db, IValidator<ResellerForm> validator, TimeProvider clock)
{
    public async Task<Result<Reseller>> HandleAsync(ResellerForm form, CancellationToken ct)
    {
        form.Id = null;
        if (await ResellerRules.ValidateAsync(validator, db, form, ct) is { } refused)
        {
            return refused;
        }

        var reseller = new Reseller(form.Name, form.Slug, clock.GetUtcNow());
        db.Resellers.Add(reseller);
        await db.SaveChangesAsync(ct);
        return reseller;
    }
}
