using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Domain.Licensing;

namespace ResellerPortal.Web.Data.Configurations;

internal sealed class PrepurchasedKeyConfiguration : IEntityTypeConfiguration<PrepurchasedKey>
{
    public void Configure(EntityTypeBuilder<PrepurchasedKey> builder)
    {
        builder.Property(k => k.Fingerprint).HasMaxLength(PrepurchasedKey.FingerprintLength).IsFixedLength();
        builder.Property(k => k.Masked).HasMaxLength(Ppk.MaxLength);
        builder.Property(k => k.Product).HasMaxLength(Ppk.MaxLength);
        builder.Property(k => k.ImportedBy).HasMaxLength(PrepurchasedKey.ImportedByMaxLength);
        builder.HasOne<Reseller>().WithMany().HasForeignKey(k => k.ResellerId).OnDelete(DeleteBehavior.Restrict);

        // A key is in stock once on the whole platform (issue 4: duplicates "anywhere" are refused).
        builder.HasIndex(k => k.Fingerprint).IsUnique();
        builder.HasIndex(k => new { k.ResellerId, k.ImportedAt });
    }
}

internal sealed class LicenceActivationConfiguration : IEntityTypeConfiguration<LicenceActivation>
{
    public void Configure(EntityTypeBuilder<LicenceActivation> builder)
    {
        builder.Property(a => a.InstanceName).HasMaxLength(InstanceName.MaxLength);
        builder.Property(a => a.EndUser).HasMaxLength(LicenceActivation.NameMaxLength);
        builder.Property(a => a.RequestedBy).HasMaxLength(LicenceActivation.NameMaxLength);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.FailureReason).HasMaxLength(LicenceActivation.ReasonMaxLength);
        builder.Property(a => a.IssuedAt).HasColumnType("timestamp without time zone");
        builder.Property(a => a.Version).IsRowVersion();
        builder.HasOne<Reseller>().WithMany().HasForeignKey(a => a.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PrepurchasedKey>().WithMany().HasForeignKey(a => a.PpkId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Instance>().WithMany().HasForeignKey(a => a.InstanceId).OnDelete(DeleteBehavior.SetNull);

        // One activation per key, ever: the pending row is saved before the key server is called, so a
        // double click, a second node or a retry finds it instead of making a second (issue 4).
        builder.HasIndex(a => a.PpkId).IsUnique();
        builder.HasIndex(a => a.InstanceId);
        // The jobs' work list: what is still in progress.
        builder.HasIndex(a => a.Status, "IX_LicenceActivations_InProgress").HasFilter("\"Status\" IN ('Pending', 'Activated')");
    }
}

internal sealed class LicenceAttemptConfiguration : IEntityTypeConfiguration<LicenceAttempt>
{
    public void Configure(EntityTypeBuilder<LicenceAttempt> builder)
    {
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Phase).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.StatusLine).HasMaxLength(LicenceAttempt.StatusLineMaxLength);
        builder.Property(a => a.Detail).HasMaxLength(LicenceAttempt.DetailMaxLength);
        builder.HasOne<Reseller>().WithMany().HasForeignKey(a => a.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LicenceActivation>().WithMany().HasForeignKey(a => a.ActivationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.ActivationId, a.StartedAt });
    }
}
