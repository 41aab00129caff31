using System.Globalization;
using System.Security.Claims;
using ResellerPortal.Domain;

namespace ResellerPortal.Web.Auth;

public static class PortalClaims
{
    public const string ResellerId = "portal:reseller";
    public const string Operator = "portal:operator";
    public const string DisplayName = "portal:name";

    /// <summary>Present when the user has enrolled an authenticator app (two-factor sign-in on).</summary>
    public const string TwoFactor = "portal:2fa";

    /// <summary>Set while impersonating (§8): the id and name of the person really acting.</summary>
    public const string RealUserId = "portal:real-user";
    public const string RealUserName = "portal:real-name";
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

    public static string? GetRole(this ClaimsPrincipal user) =>
        Roles.All.FirstOrDefault(user.IsInRole);
}
