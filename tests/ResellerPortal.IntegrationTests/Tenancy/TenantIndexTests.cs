using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using ResellerPortal.Domain.Tenancy;
using ResellerPortal.Web.Data;

namespace ResellerPortal.IntegrationTests.Tenancy;

/// <summary>
/// Every unique index (or alternate key) on a tenant-owned entity includes the tenant (ResellerId), as
/// in Finbuckle's pattern: otherwise one reseller's row refuses another's ("that name is taken") and so
/// tells it what the other holds. The few things that are unique on the whole platform are listed below.
/// </summary>
public sealed class TenantIndexTests
{
    /// <summary>Unique on purpose across every reseller, each with its reason. Keep it short.</summary>
    private static readonly HashSet<string> GloballyUnique =
    [
        // An instance name is its host name under the provider's domain: one per platform, deleted ones quarantined (§3).
        "Instance(Name)",
        // At most one TEST instance per operator (§3); an operator belongs to one reseller, so its id implies the tenant.
        "Instance(OperatorId)",
        // A phone number is routed to one reseller only.
        "Did(Number)",
        // A prepurchased key is in stock once on the whole platform (issue 4).
        "PrepurchasedKey(Fingerprint)",
        // One activation per key, ever; a key belongs to one reseller, so its id implies the tenant (issue 4).
        "LicenceActivation(PpkId)",
        // An operator's domain carries its certificate: one reseller's only, so warnings reach its owner (issue 15).
        "Operator(Domain)",
    ];

    [Fact]
    public void Unique_indexes_on_tenant_owned_entities_include_the_tenant()
    {
        using var db = new DesignTimePortalDbContextFactory().CreateDbContext([]);

        Assert.Empty(TenantlessUniqueIndexes(db.Model).Except(GloballyUnique));
    }

    [Fact]
    public void Every_exemption_names_an_index_of_the_model()
    {
        using var db = new DesignTimePortalDbContextFactory().CreateDbContext([]);

        Assert.Empty(GloballyUnique.Except(TenantlessUniqueIndexes(db.Model)));
    }

    /// <summary>The check itself fails on a model with a tenant-owned name unique across tenants.</summary>
    [Fact]
    public void The_check_finds_a_unique_index_without_the_tenant()
    {
        using var wrong = new WrongModel();

        Assert.Equal(["Shop(Name)"], TenantlessUniqueIndexes(wrong.Model));
    }

    /// <summary>Unique indexes and alternate keys of tenant-owned entities without ResellerId, as "Entity(Column, ...)".</summary>
    private static List<string> TenantlessUniqueIndexes(IModel model) =>
        model.GetEntityTypes()
            .Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType))
            .SelectMany(e => e.GetIndexes().Where(i => i.IsUnique).Select(i => (e, Properties: i.Properties))
                .Concat(e.GetKeys().Where(k => !k.IsPrimaryKey()).Select(k => (e, Properties: k.Properties))))
            .Where(x => x.Properties.All(p => p.Name != nameof(ITenantOwned.ResellerId)))
            .Select(x => $"{x.e.ClrType.Name}({string.Join(", ", x.Properties.Select(p => p.Name))})")
            .Order(StringComparer.Ordinal)
            .ToList();

    private sealed class Shop : ITenantOwned
    {
        public Guid Id { get; set; }

        public Guid ResellerId { get; set; }

        public string Name { get; set; } = string.Empty;

        public string Code { get; set; } = string.Empty;
    }

    private sealed class WrongModel : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseNpgsql("Host=127.0.0.1;Database=none");

        protected override void OnModelCreating(ModelBuilder model)
        {
            model.Entity<Shop>().HasIndex(s => s.Name).IsUnique();
            model.Entity<Shop>().HasIndex(s => new { s.ResellerId, s.Code }).IsUnique();
        }
    }
}
