using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Email;

namespace ResellerPortal.Web.Data.Configurations;

internal sealed class ResellerConfiguration : IEntityTypeConfiguration<Reseller>
{
    public void Configure(EntityTypeBuilder<Reseller> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(Reseller.NameMaxLength);
        builder.Property(r => r.Slug).HasMaxLength(Reseller.SlugMaxLength);
        builder.Property(r => r.LicenceEmail).HasMaxLength(254);
        builder.HasIndex(r => r.Slug).IsUnique();
    }
}

internal sealed class OperatorConfiguration : IEntityTypeConfiguration<Operator>
{
    public void Configure(EntityTypeBuilder<Operator> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(Operator.NameMaxLength);
        builder.Property(o => o.Domain).HasMaxLength(Operator.DomainMaxLength);
        builder.HasOne<Reseller>().WithMany().HasForeignKey(o => o.ResellerId).OnDelete(DeleteBehavior.Restrict);
        // The tenant id leads every unique index (Finbuckle pattern).
        builder.HasIndex(o => new { o.ResellerId, o.Name }).IsUnique();
        // Except the domain: unique across the platform, not per reseller, because the certificate warnings of a
        // domain go to the reseller that holds it (issue 15). Stored normalized (lower case, no final dot), so
        // the plain index also refuses EU.Example.com beside eu.example.com; the check keeps it so.
        builder.HasIndex(o => o.Domain).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("CK_Operators_Domain_Normalized", "\"Domain\" = lower(btrim(\"Domain\"))"));
    }
}

internal sealed class OperatorAssignmentConfiguration : IEntityTypeConfiguration<OperatorAssignment>
{
    public void Configure(EntityTypeBuilder<OperatorAssignment> builder)
    {
        builder.HasKey(a => new { a.UserId, a.OperatorId });
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Operator>().WithMany().HasForeignKey(a => a.OperatorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Reseller>().WithMany().HasForeignKey(a => a.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.ResellerId, a.OperatorId });
    }
}

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(PortalUser.DisplayNameMaxLength);
        builder.HasOne<Reseller>().WithMany().HasForeignKey(u => u.ResellerId).OnDelete(DeleteBehavior.Restrict);
        // One email is one staff login across the whole platform (§1). A client's login is its e-mail
        // within its reseller (§7): the same address may be a client of two resellers.
        builder.HasIndex(u => u.NormalizedEmail).IsUnique().HasFilter("\"ClientId\" IS NULL");
        builder.HasOne<Domain.Clients.Client>().WithMany().HasForeignKey(u => u.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => new { u.ResellerId, u.NormalizedEmail }).IsUnique().HasFilter("\"ClientId\" IS NOT NULL").HasDatabaseName("IX_Users_ClientLogin");
        builder.HasIndex(u => u.ClientId).IsUnique();
        builder.HasIndex(u => u.ResellerId);
    }
}

internal sealed class ResellerHostnameConfiguration : IEntityTypeConfiguration<Domain.ClientPortal.ResellerHostname>
{
    public void Configure(EntityTypeBuilder<Domain.ClientPortal.ResellerHostname> builder)
    {
        builder.Property(h => h.Hostname).HasMaxLength(Domain.ClientPortal.ResellerHostname.HostnameMaxLength);
        builder.HasOne<Reseller>().WithMany().HasForeignKey(h => h.ResellerId).OnDelete(DeleteBehavior.Cascade);
        // Across the platform: a host name selects exactly one reseller.
        builder.HasIndex(h => h.Hostname).IsUnique();
        builder.HasIndex(h => h.ResellerId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.EntityType).HasMaxLength(100);
        builder.Property(a => a.ActorName).HasMaxLength(256);
        builder.Property(a => a.RealActorName).HasMaxLength(256);
        builder.Property(a => a.IpAddress).HasMaxLength(45);
        builder.Property(a => a.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Changes).HasColumnType("jsonb");
        builder.HasIndex(a => new { a.EntityType, a.EntityId, a.At });
        builder.HasIndex(a => new { a.ResellerId, a.At });
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => a.ActingSessionId).HasFilter("\"ActingSessionId\" IS NOT NULL");
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.To).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);
        builder.Property(m => m.SenderName).HasMaxLength(100);
        builder.Property(m => m.ReplyTo).HasMaxLength(320);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => m.CreatedAt);
    }
}

/// <summary>
/// The key-store package's entity, kept in the table and shape the portal used before the package
/// (so existing keys, and the sessions they sign, survive the change).
/// </summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.Property(k => k.FriendlyName).HasMaxLength(200);
        builder.Property(k => k.Xml).IsRequired();
    }
}
