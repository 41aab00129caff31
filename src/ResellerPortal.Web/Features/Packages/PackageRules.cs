using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Packages;

/// <summary>The rules of packages that need the database, shared by create, edit and delete.</summary>
public static class PackageRules
{
    /// <summary>Sub-accounts using the package, across every operator: what is in use matters, not what this user sees.</summary>
    public static Task<int> UsageAsync(PortalDbContext db, Guid id, CancellationToken ct) =>
        db.SubAccounts.IgnoreQueryFilters([PortalDbContext.OperatorScopeFilter]).CountAsync(s => s.PackageId == id, ct);

    /// <summary>A refusal when another of the reseller's packages has the name (the unique index decides a race).</summary>
    public static async Task<Refusal?> NameTakenAsync(PortalDbContext db, string name, Guid? id, CancellationToken ct)
    {
        var trimmed = name.Trim();
        return await db.Packages.AnyAsync(p => p.Name == trimmed && p.Id != id, ct)
            ? Result.Refused(nameof(PackageForm.Name), "You already have a package with this name.")
            : null;
    }
}
