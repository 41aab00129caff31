using Microsoft.AspNetCore.Identity;
using ResellerPortal.Domain.Auditing;

namespace ResellerPortal.Web.Data;

/// <summary>
/// A login. It belongs to exactly one reseller (<see cref="ResellerId"/> set) or to the platform
/// (null), and holds exactly one role (§1).
/// </summary>
public sealed class PortalUser : IdentityUser<Guid>, IAudited
{
    public const int DisplayNameMaxLength = 100;

    public Guid? ResellerId { get; set; }

    /// <summary>Set for a client's login to its reseller's client portal (§7); null for staff.</summary>
    public Guid? ClientId { get; set; }

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>A disabled login cannot sign in; existing sessions end at the next security-stamp check.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set while an invitation is open: its set-password link works until then (and once: setting the password changes the stamp).</summary>
    public DateTimeOffset? InvitationExpiresAt { get; set; }
}
