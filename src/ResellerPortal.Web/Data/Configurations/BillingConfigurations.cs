using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ResellerPortal.Domain.Billing;
using ResellerPortal.Domain.Clients;

namespace ResellerPortal.Web.Data.Configurations;

internal sealed class BillingRunConfiguration : IEntityTypeConfiguration<BillingRun>
{
    public void Configure(EntityTypeBuilder<BillingRun> builder)
    {
        builder.Ignore(r => r.Duration);
        builder.Property(r => r.StartedBy).HasMaxLength(BillingRun.StartedByMaxLength);
        builder.Property(r => r.Error).HasMaxLength(BillingRun.ErrorMaxLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class BillingRunTotalConfiguration : IEntityTypeConfiguration<BillingRunTotal>
{
    public void Configure(EntityTypeBuilder<BillingRunTotal> builder)
    {
        builder.HasKey(t => new { t.RunId, t.Currency });
        builder.Property(t => t.Currency).HasMaxLength(3);
        builder.Property(t => t.Amount).Money();
        builder.HasOne<BillingRun>().WithMany().HasForeignKey(t => t.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BillingRunFailureConfiguration : IEntityTypeConfiguration<BillingRunFailure>
{
    public void Configure(EntityTypeBuilder<BillingRunFailure> builder)
    {
        builder.Property(f => f.ClientName).HasMaxLength(201);
        builder.Property(f => f.Message).HasMaxLength(BillingRunFailure.MessageMaxLength);
        builder.HasOne<BillingRun>().WithMany().HasForeignKey(f => f.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.RunId, f.At });
    }
}

/// <summary>Recurring billing's additions to the client: its billing day, and the index the run pages through.</summary>
internal static class ClientBillingConfiguration
{
    public static void ConfigureBilling(EntityTypeBuilder<Client> builder)
    {
        builder.ToTable(t => t.HasCheckConstraint("CK_Clients_BillingDay", "\"BillingDay\" BETWEEN 1 AND 31"));
        // The schema's default fills rows inserted by SQL (the demo seed, the benchmark); the application always sets it.
        builder.Property(c => c.BillingDay).HasDefaultValue(1).HasSentinel(0);
        // The run pages through the live clients due, in id order.
        builder.HasIndex(c => new { c.NextBillingDate, c.Id }).HasFilter("\"DeletedAt\" IS NULL").HasDatabaseName("IX_Clients_Billing_Due");
    }
}
