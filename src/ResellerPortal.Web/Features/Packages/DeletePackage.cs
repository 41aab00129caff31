using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Packages;

/// <summary>Deletes a package no sub-account uses (§5).</summary>
public sealed class DeletePackage(PortalDbContext db)
{
    public async Task<Result<Package>> HandleAsync(Guid id, CancellationToken ct)
    {
        var package = await db.Packages.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (package is null)
        {
            return Result.NotFound;
        }

        var usage = await PackageRules.UsageAsync(db, id, ct);
        if (usage > 0)
        {
            return Result.Refused(string.Empty, $"{usage} sub-account{(usage == 1 ? " uses" : "s use")} this package. Assign them another package first.");
        }

        db.Packages.Remove(package);
        await db.SaveChangesAsync(ct);
        return package;
    }
}
