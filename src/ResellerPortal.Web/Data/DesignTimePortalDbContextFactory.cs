using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ResellerPortal.Web.Tenancy;

namespace ResellerPortal.Web.Data;

/// <summary>
/// How <c>dotnet ef</c> builds the context to write a migration: without the web host, which needs a
/// configured database. The tenant variant does not matter here: query filters are not part of the
/// schema, and every variant maps the same tables (<c>MigrationTests</c> checks that).
/// </summary>
public sealed class DesignTimePortalDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        // Only "dotnet ef database update" connects; adding a migration never does.
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Portal") ?? "Host=127.0.0.1;Database=portal;Username=portal";
        var options = new DbContextOptionsBuilder<PortalDbContext>()
            .UseNpgsql(connectionString)
            .ReplaceService<IModelCacheKeyFactory, TenantModelCacheKeyFactory>()
            .Options;
        return new PortalDbContext(options, new TenantContext(), new Auditing.AuditActorAccessor(new HttpContextAccessor()));
    }
}
