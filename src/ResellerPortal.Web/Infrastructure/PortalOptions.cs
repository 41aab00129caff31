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

    /// <summary>
    /// How often Identity re-validates a session in full and rebuilds its claims (role, operators). The stamp
    /// itself is compared on every request (<see cref="Auth.SessionStamp"/>), so logout, disabling a user and a
    /// password change end sessions at once.
    /// </summary>
    public int SecurityStampSeconds { get; set; } = 30;

    /// <summary>How long acting as another user lasts before the actor is returned to their own account (§8).</summary>
    public int ActingMinutes { get; set; } = 30;

    /// <summary>How long an invitation's set-password link works.</summary>
    public int InvitationHours { get; set; } = 72;

    /// <summary>
    /// When true (the default), PlatformAdmin and Support must sign in with a second factor: one who has not
    /// enrolled an authenticator app is taken to enrolment after the password and reaches no other page until
    /// done (<see cref="Features.Security.TwoFactorRequirement"/>). <c>./run.sh</c> and the tests' host turn it off.
    /// </summary>
    public bool RequireTwoFactorForStaff { get; set; } = true;
}
