using System.Globalization;
using System.Security.Claims;
using ResellerPortal.Domain;

namespace ResellerPortal.Web.Auth;

public static class PortalClaims
{
    public const string ResellerId = "portal:reseller";
    public const string Operator = "portal:operator";
    public const string DisplayName = "portal:name";

    /// <summary>A client's login (§7): the client it is.</summary>
    public const string ClientId = "portal:client";
    /// <summary>Present when the user has enrolled an authenticator app (two-factor sign-in on).</summary>
    public const string TwoFactor = "portal:2fa";

    /// <summary>Set while impersonating (§8): the id and name of the person really acting.</summary>
    public const string RealUserId = "portal:real-user";
    public const string RealUserName = "portal:real-name";

    /// <summary>While acting (§8): the real person's role (money follows it), security stamp (their own logout or
    /// disabling ends the session), the acting session's id (audit rows link to it), the reason and the end (UTC, ISO 8601).</summary>
    public const string RealRole = "portal:real-role";
    public const string RealStamp = "portal:real-stamp";
    public const string ActingSession = "portal:acting-session";
    public const string ActingReason = "portal:acting-reason";
    public const string ActingUntil = "portal:acting-until";
}

public static class ClaimsPrincipalExtensions
{
    public static bool IsPlatformStaff(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.PlatformAdmin) || user.IsInRole(Roles.Support);

    /// <summary>What <see cref="Policies.RecordEditors"/> allows, for views that hide the forms of those who may only read.</summary>
    public static bool MayEditRecords(this ClaimsPrincipal user) =>
        (user.IsInRole(Roles.ResellerAdmin) || user.IsInRole(Roles.ResellerUser)) && user.GetResellerId() is not null;

    /// <summary>What <see cref="Policies.JobsOperators"/> allows; the dashboard's read-only switch asks it synchronously.</summary>
    public static bool MayOperateJobs(this ClaimsPrincipal user) => user.IsInRole(Roles.PlatformAdmin);

    public static Guid? GetUserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static Guid? GetResellerId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(PortalClaims.ResellerId), out var id) ? id : null;

    public static string GetDisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(PortalClaims.DisplayName) ?? user.Identity?.Name ?? string.Empty;

    /// <summary>A ResellerUser's assigned operators; null for every other role (no operator restriction).</summary>
    public static List<Guid>? GetOperatorScope(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.ResellerUser)
            ? user.FindAll(PortalClaims.Operator).Select(c => Guid.Parse(c.Value, CultureInfo.InvariantCulture)).ToList()
            : null;

    public static Guid? GetClientId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(PortalClaims.ClientId), out var id) ? id : null;

    public static string? GetRole(this ClaimsPrincipal user) =>
        Roles.All.FirstOrDefault(user.IsInRole);
}
