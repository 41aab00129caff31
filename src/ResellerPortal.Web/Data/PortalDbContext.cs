using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Email;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Domain.Network;
using ResellerPortal.Domain.Tenancy;
using ResellerPortal.Web.Tenancy;

namespace ResellerPortal.Web.Data;

/// <summary>
/// The one DbContext. Tenancy lives here and nowhere else: every <see cref="ITenantOwned"/> entity
/// gets a query filter on the current tenant, and <see cref="TenantStampingInterceptor"/> refuses to write a
/// row of another tenant.
/// </summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options, TenantContext tenant)
    : IdentityDbContext<PortalUser, IdentityRole<Guid>, Guid>(options)
{
    public const string TenantFilter = "Tenant";
    public const string OperatorScopeFilter = "OperatorScope";

    /// <summary>Deleted instances are gone from lists and counts; only name checks look past this filter.</summary>
    public const string NotDeletedFilter = "NotDeleted";

    public TenantContext Tenant { get; } = tenant;

    public DbSet<Reseller> Resellers => Set<Reseller>();

    public DbSet<Operator> Operators => Set<Operator>();

    public DbSet<OperatorAssignment> OperatorAssignments => Set<OperatorAssignment>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Instance> Instances => Set<Instance>();

    public DbSet<CertificateWarning> CertificateWarnings => Set<CertificateWarning>();

    public DbSet<NetworkStatusSnapshot> NetworkStatus => Set<NetworkStatusSnapshot>();

    // Read by the query filters at query time (EF parameterises members of the context).
    private bool SeesAllTenants => Tenant.SeesAllTenants;

    private Guid CurrentResellerId => Tenant.ResellerId ?? Guid.Empty;

    private bool HasOperatorScope => Tenant.OperatorScope is not null;

    private List<Guid> OperatorScope => Tenant.OperatorScope ?? [];

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);

        foreach (var entityType in builder.Model.GetEntityTypes()
                     .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && t.BaseType is null))
        {
            GetType().GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entityType.ClrType)
                .Invoke(this, [builder]);
        }

        foreach (var entityType in builder.Model.GetEntityTypes()
                     .Where(t => typeof(IOperatorOwned).IsAssignableFrom(t.ClrType) && t.BaseType is null))
        {
            GetType().GetMethod(nameof(ApplyOperatorScopeFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entityType.ClrType)
                .Invoke(this, [builder]);
        }

        // A reseller user sees only the operators assigned to them (§1), and what belongs to those.
        builder.Entity<Operator>().HasQueryFilter(OperatorScopeFilter, o => !HasOperatorScope || OperatorScope.Contains(o.Id));
        builder.Entity<Instance>().HasQueryFilter(NotDeletedFilter, i => i.DeletedAt == null);
    }

    private void ApplyOperatorScopeFilter<T>(ModelBuilder builder)
        where T : class, IOperatorOwned =>
        builder.Entity<T>().HasQueryFilter(OperatorScopeFilter, e => !HasOperatorScope || OperatorScope.Contains(e.OperatorId));

    private void ApplyTenantFilter<T>(ModelBuilder builder)
        where T : class, ITenantOwned =>
        builder.Entity<T>().HasQueryFilter(TenantFilter, e => SeesAllTenants || e.ResellerId == CurrentResellerId);
}
