using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Notes;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Domain.Payments;

namespace ResellerPortal.Web.Data.Configurations;

/// <summary>Precisions shared by every money column: amounts keep up to 4 decimals, per-minute rates 6.</summary>
internal static class Precision
{
    public static PropertyBuilder<decimal> Money(this PropertyBuilder<decimal> property) => property.HasPrecision(18, 4);

    public static PropertyBuilder<decimal> Rate(this PropertyBuilder<decimal> property) => property.HasPrecision(18, 6);
}

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    /// <summary>Lower-cased text the list searches with a trigram index (a 3-letter substring anywhere).</summary>
    public const string SearchText = nameof(SearchText);

    /// <summary>Lower-cased "first last", the default sort of the list (keyset paging runs on it).</summary>
    public const string SortName = nameof(SortName);

    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.Property(c => c.FirstName).HasMaxLength(Client.NameMaxLength);
        builder.Property(c => c.LastName).HasMaxLength(Client.NameMaxLength);
        builder.Property(c => c.Company).HasMaxLength(Client.CompanyMaxLength);
        builder.Property(c => c.Address).HasMaxLength(Client.AddressMaxLength);
        builder.Property(c => c.City).HasMaxLength(Client.CityMaxLength);
        builder.Property(c => c.State).HasMaxLength(Client.CityMaxLength);
        builder.Property(c => c.Country).HasMaxLength(2);
        builder.Property(c => c.Zip).HasMaxLength(Client.ZipMaxLength);
        builder.Property(c => c.Email).HasMaxLength(Client.EmailMaxLength);
        builder.Property(c => c.Phone).HasMaxLength(PhoneNumber.MaxLength + 8);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.VatNumber).HasMaxLength(Client.VatMaxLength);
        builder.Property(c => c.LowBalanceEmail).HasMaxLength(Client.EmailMaxLength);
        builder.Property(c => c.LowBalanceThreshold).HasPrecision(18, 4);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.BalanceManagement).HasConversion<string>().HasMaxLength(8);

        // Written only by the ledger's insert trigger (see the MoneyBase migration), never by the application.
        builder.Property(c => c.Balance).Money().HasDefaultValue(0m).ValueGeneratedOnAddOrUpdate();
        builder.Property(c => c.Balance).Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        builder.Property(c => c.Balance).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        // Defaults in the schema too, so rows inserted by SQL (the demo seed, benchmarks) start unflagged.
        builder.Property(c => c.LowBalanceWarned).HasDefaultValue(false);
        builder.Property(c => c.SuspendedBySystem).HasDefaultValue(false);
        builder.Property<string>(SearchText).HasMaxLength(800)
            .HasComputedColumnSql("""lower("FirstName" || ' ' || "LastName" || ' ' || "Company" || ' ' || "Email")""", stored: true);
        builder.Property<string>(SortName).HasMaxLength(201)
            .HasComputedColumnSql("""lower("FirstName" || ' ' || "LastName")""", stored: true);

        builder.HasOne<Reseller>().WithMany().HasForeignKey(c => c.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Operator>().WithMany().HasForeignKey(c => c.OperatorId).OnDelete(DeleteBehavior.Restrict);

        // The email is the client's login: one live client per email within a reseller.
        builder.HasIndex(c => new { c.ResellerId, c.Email }).IsUnique().HasFilter("\"DeletedAt\" IS NULL");
        builder.HasIndex(SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
        // One index per sort order of the list, ending in the id so keyset paging is an index range scan.
        builder.HasIndex(nameof(Client.ResellerId), SortName, nameof(Client.Id));
        builder.HasIndex(c => new { c.ResellerId, c.Company, c.Id });
        builder.HasIndex(c => new { c.ResellerId, c.CreatedAt, c.Id });
        builder.HasIndex(c => new { c.ResellerId, c.Status });
        builder.HasIndex(c => c.OperatorId);
        ClientBillingConfiguration.ConfigureBilling(builder);
    }
}

internal sealed class SubAccountConfiguration : IEntityTypeConfiguration<SubAccount>
{
    public void Configure(EntityTypeBuilder<SubAccount> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(SubAccount.NameMaxLength);
        builder.Property(s => s.Description).HasMaxLength(SubAccount.DescriptionMaxLength);
        builder.HasOne<Reseller>().WithMany().HasForeignKey(s => s.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Package>().WithMany().HasForeignKey(s => s.PackageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.ResellerId, s.Name }).IsUnique();
        builder.HasIndex(s => s.ClientId);
        builder.HasIndex(s => s.PackageId);
    }
}

internal sealed class PackageConfiguration : IEntityTypeConfiguration<Package>
{
    public void Configure(EntityTypeBuilder<Package> builder)
    {
        builder.Ignore(p => p.Pulse);
        builder.Ignore(p => p.AreaRates);
        builder.Ignore(p => p.FreeZones);
        builder.Ignore(p => p.Terms);
        builder.Property(p => p.Name).HasMaxLength(Package.NameMaxLength);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.MarkupFixed).Rate();
        builder.Property(p => p.MarkupPercent).HasPrecision(9, 4);
        builder.Property(p => p.MonthlyFee).Money();
        builder.Property(p => p.SetupFee).Money();
        builder.Property(p => p.AreaRatesText).HasMaxLength(Package.LinesMaxLength);
        builder.Property(p => p.FreeZonesText).HasMaxLength(Package.LinesMaxLength);
        builder.Property(p => p.Route).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.ViewSetting).HasConversion<string>().HasMaxLength(24);
        builder.HasOne<Reseller>().WithMany().HasForeignKey(p => p.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.ResellerId, p.Name }).IsUnique();
    }
}

internal sealed class DidConfiguration : IEntityTypeConfiguration<Did>
{
    public void Configure(EntityTypeBuilder<Did> builder)
    {
        builder.Ignore(d => d.Terms);
        // "C" collation: numbers compare byte by byte, so a prefix filter is an index range scan.
        builder.Property(d => d.Number).HasMaxLength(PhoneNumber.MaxLength).UseCollation("C");
        builder.Property(d => d.Description).HasMaxLength(Did.DescriptionMaxLength);
        builder.Property(d => d.ForwardTo).HasMaxLength(PhoneNumber.MaxLength);
        builder.Property(d => d.VoicemailEmail).HasMaxLength(Client.EmailMaxLength);
        builder.Property(d => d.SetupFee).Money();
        builder.Property(d => d.MonthlyFee).Money();
        builder.Property(d => d.PerMinuteRate).Rate();
        builder.HasOne<Reseller>().WithMany().HasForeignKey(d => d.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SubAccount>().WithMany().HasForeignKey(d => d.SubAccountId).OnDelete(DeleteBehavior.Restrict);
        // A number is held by one reseller only, across the platform: no tenant id in this unique index.
        builder.HasIndex(d => d.Number).IsUnique();
        builder.HasIndex(d => new { d.ResellerId, d.Number });
        builder.HasIndex(d => d.SubAccountId);
    }
}

internal sealed class DidDefaultsConfiguration : IEntityTypeConfiguration<DidDefaults>
{
    public void Configure(EntityTypeBuilder<DidDefaults> builder)
    {
        builder.Property(d => d.SetupFee).Money();
        builder.Property(d => d.MonthlyFee).Money();
        builder.Property(d => d.PerMinuteRate).Rate();
        builder.HasOne<Reseller>().WithMany().HasForeignKey(d => d.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.ResellerId).IsUnique();
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    /// <summary>
    /// The rows that count as a client's spend in the balance runway (<see cref="Features.Billing.ClientRunway"/>): charges and
    /// adjustments other than recurring fees and basket items. Also the filter of the index that query reads, so PostgreSQL
    /// sees that the query's rows are the index's.
    /// </summary>
    public const string SpendRows = """
        "Kind" IN ('Charge', 'Adjustment') AND "Key" NOT LIKE 'fee:%' AND "Key" NOT LIKE 'basket:%'
        """;

    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Amount).Money();
        builder.Property(l => l.Currency).HasMaxLength(3);
        builder.Property(l => l.Description).HasMaxLength(LedgerEntry.DescriptionMaxLength);
        builder.Property(l => l.Key).HasMaxLength(LedgerEntry.KeyMaxLength);
        builder.Property(l => l.ActorName).HasMaxLength(256);
        builder.Property(l => l.RealActorName).HasMaxLength(256);
        builder.HasOne<Payment>().WithMany().HasForeignKey(l => l.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.PaymentId).HasFilter("\"PaymentId\" IS NOT NULL");
        builder.HasOne<Reseller>().WithMany().HasForeignKey(l => l.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(l => l.ClientId).OnDelete(DeleteBehavior.Restrict);
        // The natural key makes a job's charge for (client, source, period) a no-op the second time.
        builder.HasIndex(l => new { l.ResellerId, l.Key }).IsUnique();
        builder.HasIndex(l => new { l.ClientId, l.At, l.Id });
        // The balance runway's last 30 days of a reseller's spend, summed once per dashboard view (ClientRunway). Only the
        // rows it sums: the recurring fees and basket charges that billing writes by the hundred thousand are left out,
        // and cost no index write.
        builder.HasIndex(l => new { l.ResellerId, l.At }).HasFilter(SpendRows);
    }
}

internal sealed class BasketItemConfiguration : IEntityTypeConfiguration<BasketItem>
{
    public void Configure(EntityTypeBuilder<BasketItem> builder)
    {
        builder.Property(b => b.Product).HasMaxLength(BasketItem.ProductMaxLength);
        builder.Property(b => b.ItemType).HasMaxLength(BasketItem.ItemTypeMaxLength);
        builder.Property(b => b.ItemId).HasMaxLength(BasketItem.ItemIdMaxLength);
        builder.Property(b => b.Description).HasMaxLength(BasketItem.DescriptionMaxLength);
        builder.Property(b => b.Price).Money();
        builder.Property(b => b.Currency).HasMaxLength(3);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Reseller>().WithMany().HasForeignKey(b => b.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(b => b.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => new { b.ResellerId, b.ItemId }).IsUnique();
        builder.HasIndex(b => new { b.ClientId, b.DueDate });
        builder.HasOne<Payment>().WithMany().HasForeignKey(b => b.PaymentId).OnDelete(DeleteBehavior.Restrict);
        // Recurring billing looks for items falling due that were not charged yet.
        builder.HasIndex(b => new { b.DueDate, b.ClientId }).HasFilter("\"ChargedAt\" IS NULL AND \"Status\" <> 'Cancelled'");
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.Property(p => p.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Reference).HasMaxLength(Payment.ReferenceMaxLength);
        builder.Property(p => p.Note).HasMaxLength(Payment.NoteMaxLength);
        builder.Property(p => p.Amount).Money();
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.HasOne<Reseller>().WithMany().HasForeignKey(p => p.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.ResellerId, p.Reference }).IsUnique();
        builder.HasIndex(p => new { p.ClientId, p.CreatedAt });
    }
}

internal sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
{
    public void Configure(EntityTypeBuilder<Note> builder)
    {
        builder.Property(n => n.EntityType).HasMaxLength(Note.EntityTypeMaxLength);
        builder.Property(n => n.Text).HasMaxLength(Note.TextMaxLength);
        builder.Property(n => n.AuthorName).HasMaxLength(256);
        builder.HasOne<Reseller>().WithMany().HasForeignKey(n => n.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => new { n.ResellerId, n.EntityType, n.EntityId, n.At });
    }
}
