namespace ResellerPortal.Web.Infrastructure;

/// <summary>Portal-wide settings (section <c>Portal</c>).</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>
    /// True when the portal is served over HTTPS: cookies become Secure with the <c>__Host-</c> prefix
    /// and HTTP is redirected. The plain-HTTP embedded default leaves it off.
    /// </summary>
    public bool Https { get; set; }

    /// <summary>How often a session's security stamp is re-checked; disabling a user or changing a password ends sessions within this.</summary>
    public int SecurityStampSeconds { get; set; } = 30;
}
