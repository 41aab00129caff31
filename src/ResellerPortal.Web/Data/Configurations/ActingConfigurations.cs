using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ResellerPortal.Domain.Acting;

namespace ResellerPortal.Web.Data.Configurations;

/// <summary>
/// Acting sessions (§8) are the platform's record, like the audit trail: not tenant-owned (the provider's staff
/// start them outside any tenant); pages filter them by <see cref="ActingSession.TargetResellerId"/> and user.
/// </summary>
internal sealed class ActingSessionConfiguration : IEntityTypeConfiguration<ActingSession>
{
    public void Configure(EntityTypeBuilder<ActingSession> builder)
    {
        builder.Property(s => s.Reason).HasMaxLength(ActingRules.ReasonMaxLength);
        builder.Property(s => s.EndedHow).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => new { s.TargetUserId, s.StartedAt });
        builder.HasIndex(s => new { s.RealUserId, s.StartedAt });
        builder.HasIndex(s => new { s.TargetResellerId, s.StartedAt });
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.RealUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.TargetUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
