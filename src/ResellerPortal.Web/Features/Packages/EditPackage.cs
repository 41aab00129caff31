using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Money;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Packages;

/// <summary>
/// Saves a package's terms. Its currency stays while sub-accounts use it: they are billed in it, so a package in
/// another currency is a copy.
/// </summary>
public sealed class EditPackage(PortalDbContext db, IValidator<PackageForm> validator)
{
    public async Task<Result<PackageForm>> LoadAsync(Guid id, CancellationToken ct)
    {
        var package = await db.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        return package is null ? Result.NotFound : PackageForm.From(package);
    }

    public async Task<Result<Package>> HandleAsync(Guid id, PackageForm form, CancellationToken ct)
    {
        form.Id = id;
        var package = await db.Packages.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (package is null)
        {
            return Result.NotFound;
        }

        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        if (await PackageRules.NameTakenAsync(db, form.Name!, id, ct) is { } taken)
        {
            return taken;
        }

        if (Currencies.Normalize(form.Currency) != package.Currency && await PackageRules.UsageAsync(db, id, ct) > 0)
        {
            return Result.Refused(nameof(form.Currency), "Sub-accounts use this package in its currency; copy it to offer it in another.");
        }

        form.ApplyTo(package);
        await db.SaveChangesAsync(ct);
        return package;
    }
}
