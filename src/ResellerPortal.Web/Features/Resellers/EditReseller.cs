using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Resellers;

/// <summary>The PlatformAdmin renames a reseller, changes its short name or (de)activates it.</summary>
public sealed class EditReseller(PortalDbContext db, IValidator<ResellerForm> validator)
{
    /// <summary>The form as the edit page opens it.</summary>
    public async Task<Result<ResellerForm>> LoadAsync(Guid id, CancellationToken ct)
    {
        var reseller = await db.Resellers.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return reseller is null
            ? Result.NotFound
            : new ResellerForm { Id = reseller.Id, Name = reseller.Name, Slug = reseller.Slug, IsActive = reseller.IsActive };
    }

    public async Task<Result<Reseller>> HandleAsync(Guid id, ResellerForm form, CancellationToken ct)
    {
        form.Id = id;
        var reseller = await db.Resellers.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (reseller is null)
        {
            return Result.NotFound;
        }

        if (await ResellerRules.ValidateAsync(validator, db, form, ct) is { } refused)
        {
            return refused;
        }

        reseller.Rename(form.Name);
        reseller.ChangeSlug(form.Slug);
        if (form.IsActive)
        {
            reseller.Activate();
        }
        else
        {
            reseller.Deactivate();
        }

        await db.SaveChangesAsync(ct);
        return reseller;
    }
}
