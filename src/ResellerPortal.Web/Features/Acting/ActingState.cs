using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using ResellerPortal.Domain.Acting;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Acting;

/// <summary>What the banner and the checks need to know about acting as someone, read from the cookie's claims.</summary>
public sealed record ActingNow(
    Guid SessionId,
    Guid RealUserId,
    string RealName,
    string RealRole,
    string? RealStamp,
    string Reason,
    DateTimeOffset Until,
    string TargetName,
    string TargetEmail);

/// <summary>
/// The acting claims (§8) the cookie carries while someone acts as another login: built at the start, read on every
/// request, carried over when Identity rebuilds the principal at its security-stamp interval.
/// </summary>
public static class ActingClaims
{
    private static readonly string[] Types =
    [
        PortalClaims.RealUserId, PortalClaims.RealUserName, PortalClaims.RealRole, PortalClaims.RealStamp,
        PortalClaims.ActingSession, PortalClaims.ActingReason, PortalClaims.ActingUntil,
    ];

    public static bool IsActing(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == PortalClaims.ActingSession);

    /// <summary>The acting state of <paramref name="user"/>, or null when they act as themselves.</summary>
    public static ActingNow? Acting(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(PortalClaims.ActingSession), out var session)
        && Guid.TryParse(user.FindFirstValue(PortalClaims.RealUserId), out var real)
        && DateTimeOffset.TryParse(user.FindFirstValue(PortalClaims.ActingUntil), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until)
            ? new ActingNow(
                session,
                real,
                user.FindFirstValue(PortalClaims.RealUserName) ?? string.Empty,
                user.FindFirstValue(PortalClaims.RealRole) ?? string.Empty,
                user.FindFirstValue(PortalClaims.RealStamp),
                user.FindFirstValue(PortalClaims.ActingReason) ?? string.Empty,
                until,
                user.GetDisplayName(),
                // A client login's user name is internal (c.{reseller}.{email}); people know it by its e-mail.
                user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? string.Empty)
            : null;

    /// <summary>The person really signed in: the actor while acting, else the user.</summary>
    public static Guid? RealUserId(this ClaimsPrincipal user) => user.Acting()?.RealUserId ?? user.GetUserId();

    public static IReadOnlyList<Claim> For(ActingSession session, PortalUser real, string realRole) =>
    [
        new(PortalClaims.RealUserId, real.Id.ToString()),
        new(PortalClaims.RealUserName, Audit.AuditDisplay.PersonName(real.DisplayName, real.Email)),
        new(PortalClaims.RealRole, realRole),
        new(PortalClaims.RealStamp, real.SecurityStamp ?? string.Empty),
        new(PortalClaims.ActingSession, session.Id.ToString()),
        new(PortalClaims.ActingReason, session.Reason),
        new(PortalClaims.ActingUntil, session.ExpiresAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
    ];

    /// <summary>Identity rebuilds the principal from the database at its interval: the acting claims go along.</summary>
    public static Task CarryOver(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal is { } current && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            foreach (var claim in current.Claims.Where(c => Types.Contains(c.Type)))
            {
                identity.AddClaim(new Claim(claim.Type, claim.Value));
            }
        }

        return Task.CompletedTask;
    }
}
