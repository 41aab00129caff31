using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ResellerPortal.Web.Data;

/// <summary>The filter sets a <see cref="PortalDbContext"/> model can carry.</summary>
public enum TenantModelVariant
{
    /// <summary>One reseller's rows (also the fail-closed default: no tenant means reseller Guid.Empty, nothing).</summary>
    Tenant,

    /// <summary>One reseller's rows, and of those only what belongs to the assigned operators.</summary>
    TenantWithOperatorScope,

    /// <summary>The provider's staff and platform jobs: every tenant.</summary>
    Platform,
}

/// <summary>
/// Caches one model per <see cref="TenantModelVariant"/>. EF asks for the key when a context first
/// needs its model, and the context's tenant is fixed from then on: changing it later would leave
/// the context with another tenant's filters, so <see cref="Tenancy.TenantContext"/> refuses.
/// </summary>
public sealed class TenantModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime)
    {
        if (context is PortalDbContext portal)
        {
            portal.Tenant.Fix();
            return (context.GetType(), portal.ModelVariant, designTime);
        }

        return (context.GetType(), designTime);
    }
}
