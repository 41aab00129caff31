using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Billing;
using ResellerPortal.Domain.Branding;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Domain.Email;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Domain.Network;
using ResellerPortal.Domain.Notes;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Domain.Payments;
using ResellerPortal.Domain.Tenancy;
using ResellerPortal.Web.Tenancy;

namespace ResellerPortal.Web.Data;

/// <summary>
/// The one DbContext. Tenancy lives here and nowhere else: every <see cref="ITenantOwned"/> entity
/// gets a query filter on the current tenant, and <see cref="TenantStampingInterceptor"/> refuses to write a
/// row of another tenant. It also holds the Data Protection key ring (not tenant-owned, so never filtered).
/// </summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options, TenantContext tenant, Auditing.AuditActorAccessor actors)
    : IdentityDbContext<PortalUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public const string TenantFilter = "Tenant";
    public const string OperatorScopeFilter = "OperatorScope";

    /// <summary>Deleted instances are gone from lists and counts; only name checks look past this filter.</summary>
    public const string NotDeletedFilter = "NotDeleted";
    /// <summary>Deleted clients are kept for their ledger but never shown.</summary>
    public const string LiveFilter = "Live";

    public TenantContext Tenant { get; } = tenant;

    /// <summary>Who this unit of work acts as, for the audit rows (<see cref="Auditing.AuditInterceptor"/>).</summary>
    public Auditing.AuditActorAccessor Actors { get; } = actors;

    public DbSet<Reseller> Resellers => Set<Reseller>();

    public DbSet<Operator> Operators => Set<Operator>();

    public DbSet<Domain.ClientPortal.ResellerHostname> ResellerHostnames => Set<Domain.ClientPortal.ResellerHostname>();

    public DbSet<OperatorAssignment> OperatorAssignments => Set<OperatorAssignment>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Instance> Instances => Set<Instance>();

    public DbSet<CertificateWarning> CertificateWarnings => Set<CertificateWarning>();

    public DbSet<NetworkStatusSnapshot> NetworkStatus => Set<NetworkStatusSnapshot>();
    public DbSet<Client> Clients => Set<Client>();

    public DbSet<SubAccount> SubAccounts => Set<SubAccount>();

    public DbSet<Package> Packages => Set<Package>();

    public DbSet<Did> Dids => Set<Did>();

    public DbSet<DidDefaults> DidDefaults => Set<DidDefaults>();

    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();

    public DbSet<BasketItem> BasketItems => Set<BasketItem>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<Note> Notes => Set<Note>();

    public DbSet<BillingRun> BillingRuns => Set<BillingRun>();

    public DbSet<BillingRunTotal> BillingRunTotals => Set<BillingRunTotal>();

    public DbSet<BillingRunFailure> BillingRunFailures => Set<BillingRunFailure>();

    public DbSet<PrepurchasedKey> PrepurchasedKeys => Set<PrepurchasedKey>();

    public DbSet<LicenceActivation> LicenceActivations => Set<LicenceActivation>();

    public DbSet<LicenceAttempt> LicenceAttempts => Set<LicenceAttempt>();

    public DbSet<BrandSettings> BrandSettings => Set<BrandSettings>();

    public DbSet<BrandImage> BrandImages => Set<BrandImage>();

    public DbSet<CustomEmailTemplate> EmailTemplates => Set<CustomEmailTemplate>();
    public DbSet<Domain.Acting.ActingSession> ActingSessions => Set<Domain.Acting.ActingSession>();

    /// <summary>
    /// Which set of filters this context's model carries. Each variant is its own cached model
    /// (<see cref="TenantModelCacheKeyFactory"/>), so a query says <c>"ResellerId" = $1</c> rather than
    /// <c>$1 OR "ResellerId" = $2</c>: a plain condition that a prepared statement's generic plan can use.
    /// </summary>
    public TenantModelVariant ModelVariant =>
        Tenant.SeesAllTenants ? TenantModelVariant.Platform
        : Tenant.OperatorScope is not null ? TenantModelVariant.TenantWithOperatorScope
        : TenantModelVariant.Tenant;

    // Read by the query filters at query time (EF parameterises members of the context).
    private Guid CurrentResellerId => Tenant.ResellerId ?? Guid.Empty;

    private List<Guid> OperatorScope => Tenant.OperatorScope ?? [];

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);

        var variant = ModelVariant;
        if (variant != TenantModelVariant.Platform)
        {
            ApplyToAll<ITenantOwned>(builder, nameof(ApplyTenantFilter));
        }

        if (variant == TenantModelVariant.TenantWithOperatorScope)
        {
            // A reseller user sees only the operators assigned to them (§1), and what belongs to those.
            ApplyToAll<IOperatorOwned>(builder, nameof(ApplyOperatorScopeFilter));
            builder.Entity<Operator>().HasQueryFilter(OperatorScopeFilter, o => OperatorScope.Contains(o.Id));

            // A client belongs to one operator, so the same scope reaches what hangs off clients: their
            // sub-accounts, the DIDs connected to those, and their ledger. Free DIDs and unconnected
            // sub-accounts are the reseller's stock and visible to all its staff.
            builder.Entity<SubAccount>().HasQueryFilter(OperatorScopeFilter, s => s.ClientId == null || Clients.Any(c => c.Id == s.ClientId));
            builder.Entity<Did>().HasQueryFilter(OperatorScopeFilter, d => d.SubAccountId == null || SubAccounts.Any(s => s.Id == d.SubAccountId));
            builder.Entity<LedgerEntry>().HasQueryFilter(OperatorScopeFilter, l => Clients.Any(c => c.Id == l.ClientId));
            builder.Entity<BasketItem>().HasQueryFilter(OperatorScopeFilter, b => Clients.Any(c => c.Id == b.ClientId));
            builder.Entity<Payment>().HasQueryFilter(OperatorScopeFilter, p => Clients.Any(c => c.Id == p.ClientId));

            // A licence belongs to its instance's operator, as the instance does: its activation, the
            // activation's history and the key it used are out of scope with the instance (a key with no
            // activation, or one detached from its instance, is the reseller's stock, visible to all staff).
            builder.Entity<LicenceActivation>().HasQueryFilter(OperatorScopeFilter, a => a.InstanceId == null
                || Set<Instance>().IgnoreQueryFilters().Any(i => i.Id == a.InstanceId && OperatorScope.Contains(i.OperatorId)));
            builder.Entity<LicenceAttempt>().HasQueryFilter(OperatorScopeFilter, t => LicenceActivations.Any(a => a.Id == t.ActivationId));
            builder.Entity<PrepurchasedKey>().HasQueryFilter(OperatorScopeFilter, k => !Set<LicenceActivation>().IgnoreQueryFilters()
                .Any(a => a.PpkId == k.Id && a.InstanceId != null
                    && !Set<Instance>().IgnoreQueryFilters().Any(i => i.Id == a.InstanceId && OperatorScope.Contains(i.OperatorId))));
        }

        builder.Entity<Instance>().HasQueryFilter(NotDeletedFilter, i => i.DeletedAt == null);
        builder.Entity<Client>().HasQueryFilter(LiveFilter, c => c.DeletedAt == null);
    }

    private void ApplyToAll<TMarker>(ModelBuilder builder, string method)
    {
        foreach (var entityType in builder.Model.GetEntityTypes()
                     .Where(t => typeof(TMarker).IsAssignableFrom(t.ClrType) && t.BaseType is null))
        {
            GetType().GetMethod(method, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entityType.ClrType)
                .Invoke(this, [builder]);
        }
    }

    private void ApplyOperatorScopeFilter<T>(ModelBuilder builder)
        where T : class, IOperatorOwned =>
        builder.Entity<T>().HasQueryFilter(OperatorScopeFilter, e => OperatorScope.Contains(e.OperatorId));

    private void ApplyTenantFilter<T>(ModelBuilder builder)
        where T : class, ITenantOwned =>
        builder.Entity<T>().HasQueryFilter(TenantFilter, e => e.ResellerId == CurrentResellerId);
}
