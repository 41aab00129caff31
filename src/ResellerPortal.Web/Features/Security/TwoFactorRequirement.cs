using System.Security.Claims;
using Microsoft.Extensions.Options;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Infrastructure;

namespace ResellerPortal.Web.Features.Security;

/// <summary>Pages a signed-in user who must enrol a second factor may still open: enrolment itself, sign-in and logout.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowWithoutTwoFactorAttribute : Attribute;

/// <summary>
/// With <see cref="PortalOptions.RequireTwoFactorForStaff"/> on, a PlatformAdmin or Support user who has not
/// enrolled an authenticator app reaches nothing but the enrolment page (and logout, error pages, static files,
/// which are served before this runs). The enrolment state is a claim of the session, rebuilt whenever two-factor
/// sign-in is turned on or off (the security stamp changes, the session is refreshed).
/// </summary>
public sealed class TwoFactorRequirement(RequestDelegate next, IOptions<PortalOptions> options)
{
    public const string EnrolPath = "/account/security/enrol";

    public Task InvokeAsync(HttpContext context)
    {
        if (options.Value.RequireTwoFactorForStaff
            && MustEnrol(context.User)
            && context.GetEndpoint()?.Metadata.GetMetadata<AllowWithoutTwoFactorAttribute>() is null
            && !context.Request.Path.StartsWithSegments("/error", StringComparison.OrdinalIgnoreCase))
        {
            if (context.Request.Headers.ContainsKey("HX-Request"))
            {
                context.Response.Headers["HX-Redirect"] = EnrolPath;
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return Task.CompletedTask;
            }

            context.Response.Redirect(EnrolPath);
            return Task.CompletedTask;
        }

        return next(context);
    }

    /// <summary>The provider's staff without an enrolled authenticator app.</summary>
    public static bool MustEnrol(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.IsPlatformStaff() && !user.HasClaim(c => c.Type == PortalClaims.TwoFactor);
}
