using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Domain.Network;

namespace ResellerPortal.Web.Data.Configurations;

internal sealed class InstanceConfiguration : IEntityTypeConfiguration<Instance>
{
    public void Configure(EntityTypeBuilder<Instance> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(InstanceName.MaxLength);
        builder.Property(i => i.LongName).HasMaxLength(InstanceSettings.LongNameMaxLength);
        builder.Property(i => i.Timezone).HasMaxLength(InstanceSettings.TimezoneMaxLength);
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(8);
        builder.Property(i => i.Mode).HasConversion<string>().HasMaxLength(8);
        builder.Property(i => i.ContactPerson).HasMaxLength(InstanceSettings.PersonMaxLength);
        builder.Property(i => i.BillingPerson).HasMaxLength(InstanceSettings.PersonMaxLength);
        builder.Property(i => i.ContactEmail).HasMaxLength(InstanceSettings.EmailMaxLength);
        builder.Property(i => i.BillingEmail).HasMaxLength(InstanceSettings.EmailMaxLength);
        builder.Property(i => i.KMode).HasMaxLength(InstanceSettings.KFieldMaxLength);
        builder.Property(i => i.KNumber).HasMaxLength(InstanceSettings.KFieldMaxLength);
        builder.Property(i => i.LastChangedBy).HasMaxLength(256);
        builder.Property(i => i.Version).IsRowVersion();
        builder.HasOne<Reseller>().WithMany().HasForeignKey(i => i.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Operator>().WithMany().HasForeignKey(i => i.OperatorId).OnDelete(DeleteBehavior.Restrict);

        // Names are unique across the whole platform, deleted (quarantined) rows included (§3).
        builder.HasIndex(i => i.Name).IsUnique();
        // Substring search on the name ("q" filter) at any size.
        builder.HasIndex(i => i.Name, "IX_Instances_Name_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
        // The list: a tenant's live instances in name order, for keyset paging.
        builder.HasIndex(i => new { i.ResellerId, i.Name }, "IX_Instances_List").HasFilter("\"DeletedAt\" IS NULL");
        builder.HasIndex(i => new { i.ResellerId, i.State, i.Mode }, "IX_Instances_Totals").HasFilter("\"DeletedAt\" IS NULL");
        // At most one TEST instance per operator (§3).
        builder.HasIndex(i => i.OperatorId, "IX_Instances_OneTestPerOperator").IsUnique().HasFilter("\"State\" = 'Test' AND \"DeletedAt\" IS NULL");
        builder.HasIndex(i => i.OperatorId);
        builder.HasIndex(i => i.DeletedAt).HasFilter("\"DeletedAt\" IS NOT NULL");
    }
}

internal sealed class CertificateWarningConfiguration : IEntityTypeConfiguration<CertificateWarning>
{
    public void Configure(EntityTypeBuilder<CertificateWarning> builder)
    {
        builder.HasKey(w => new { w.OperatorId, w.ExpiresOn, w.Threshold });
        builder.HasOne<Operator>().WithMany().HasForeignKey(w => w.OperatorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Reseller>().WithMany().HasForeignKey(w => w.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(w => w.ResellerId);
    }
}

internal sealed class NetworkStatusConfiguration : IEntityTypeConfiguration<NetworkStatusSnapshot>
{
    public void Configure(EntityTypeBuilder<NetworkStatusSnapshot> builder)
    {
        builder.ToTable("NetworkStatus");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.FeedIndicator).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.OverrideIndicator).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.FeedDescription).HasMaxLength(NetworkStatusSnapshot.TextMaxLength);
        builder.Property(s => s.LastError).HasMaxLength(NetworkStatusSnapshot.TextMaxLength);
        builder.Property(s => s.OverrideText).HasMaxLength(NetworkStatusSnapshot.TextMaxLength);
        builder.Property(s => s.OverrideBy).HasMaxLength(256);
    }
}
