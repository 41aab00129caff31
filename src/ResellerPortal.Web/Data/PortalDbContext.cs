using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Domain.Email;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Notes;
using ResellerPortal.Domain.Packages;
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

    /// <summary>Deleted clients are kept for their ledger but never shown.</summary>
    public const string LiveFilter = "Live";

    public TenantContext Tenant { get; } = tenant;

    public DbSet<Reseller> Resellers => Set<Reseller>();

    public DbSet<Operator> Operators => Set<Operator>();

    public DbSet<OperatorAssignment> OperatorAssignments => Set<OperatorAssignment>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Client> Clients => Set<Client>();

    public DbSet<SubAccount> SubAccounts => Set<SubAccount>();

    public DbSet<Package> Packages => Set<Package>();

    public DbSet<Did> Dids => Set<Did>();

    public DbSet<DidDefaults> DidDefaults => Set<DidDefaults>();

    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();

    public DbSet<Note> Notes => Set<Note>();

    // Read by the query filters at query time (EF parameterises members of the context).
    private bool SeesAllTenants => Tenant.SeesAllTenants;

    private Guid CurrentResellerId => Tenant.ResellerId ?? Guid.Empty;

    private bool HasOperatorScope => Tenant.OperatorScope is not null;

    private List<Guid> OperatorScope => Tenant.OperatorScope ?? [];

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);

        foreach (var entityType in builder.Model.GetEntityTypes()
                     .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && t.BaseType is null))
        {
            GetType().GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entityType.ClrType)
                .Invoke(this, [builder]);
        }

        // A reseller user sees only the operators assigned to them (§1).
        builder.Entity<Operator>().HasQueryFilter(OperatorScopeFilter, o => !HasOperatorScope || OperatorScope.Contains(o.Id));

        // Postgres' trigram index answers "contains these 3 letters" searches on the client list.
        builder.HasPostgresExtension("pg_trgm");

        // A client belongs to one operator, so the same scope reaches clients and what hangs off them:
        // their sub-accounts, the DIDs connected to those, and their ledger. Free DIDs and unconnected
        // sub-accounts are the reseller's stock and visible to all its staff.
        builder.Entity<Client>().HasQueryFilter(OperatorScopeFilter, c => !HasOperatorScope || OperatorScope.Contains(c.OperatorId));
        builder.Entity<Client>().HasQueryFilter(LiveFilter, c => c.DeletedAt == null);
        builder.Entity<SubAccount>().HasQueryFilter(
            OperatorScopeFilter, s => !HasOperatorScope || s.ClientId == null || Clients.Any(c => c.Id == s.ClientId));
        builder.Entity<Did>().HasQueryFilter(
            OperatorScopeFilter, d => !HasOperatorScope || d.SubAccountId == null || SubAccounts.Any(s => s.Id == d.SubAccountId));
        builder.Entity<LedgerEntry>().HasQueryFilter(OperatorScopeFilter, l => !HasOperatorScope || Clients.Any(c => c.Id == l.ClientId));
    }

    private void ApplyTenantFilter<T>(ModelBuilder builder)
        where T : class, ITenantOwned =>
        builder.Entity<T>().HasQueryFilter(TenantFilter, e => SeesAllTenants || e.ResellerId == CurrentResellerId);
}
