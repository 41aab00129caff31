using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ResellerPortal.Domain.Tenancy;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Tenancy;

/// <summary>
/// Stamps new tenant-owned rows with the current tenant and refuses any write that touches a row
/// of another tenant, so a bug in a feature cannot leak or corrupt across resellers.
/// </summary>
public sealed class TenantStampingInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is not PortalDbContext db)
        {
            return;
        }

        var tenant = db.Tenant;
        foreach (var entry in db.ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var property = entry.Property(e => e.ResellerId);
            if (entry.State == EntityState.Added && property.CurrentValue == Guid.Empty && tenant.ResellerId is { } current)
            {
                property.CurrentValue = current;
            }

            if (tenant.SeesAllTenants)
            {
                continue;
            }

            var owner = entry.State == EntityState.Added ? property.CurrentValue : property.OriginalValue;
            if (tenant.ResellerId is null || owner != tenant.ResellerId || property.CurrentValue != owner)
            {
                throw new TenantViolationException(
                    $"{entry.Metadata.ClrType.Name} of another tenant cannot be written in this context.");
            }
        }
    }
}
