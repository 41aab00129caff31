using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Packages;

/// <summary>Copies a package under the first free name "… (copy)", "… (copy 2)", …</summary>
public sealed class CopyPackage(PortalDbContext db, TimeProvider clock)
{
    public async Task<Result<Package>> HandleAsync(Guid id, CancellationToken ct)
    {
        var package = await db.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (package is null)
        {
            return Result.NotFound;
        }

        var copy = package.CopyAs(await FreeCopyNameAsync(package.Name, ct), clock.GetUtcNow());
        db.Packages.Add(copy);
        await db.SaveChangesAsync(ct);
        return copy;
    }

    private async Task<string> FreeCopyNameAsync(string name, CancellationToken ct)
    {
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? " (copy)" : $" (copy {n})";
            var candidate = (name.Length + suffix.Length > Package.NameMaxLength ? name[..(Package.NameMaxLength - suffix.Length)] : name) + suffix;
            if (!await db.Packages.AnyAsync(p => p.Name == candidate, ct))
            {
                return candidate;
            }
        }
    }
}
