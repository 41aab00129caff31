using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Auth;

/// <summary>
/// Refuses a session cookie whose security stamp is no longer the user's, on every request. Logging
/// out, disabling a user and changing a password all change the stamp in the database that every node
/// shares, so a copy of the cookie replayed afterwards is refused at once on any node, with no session
/// table and no per-node memory. The cost is one primary-key read per signed-in request, a single raw command
/// on the portal's pool (<see cref="PreTenantReads"/>; through EF it cost a DbContext and its query path, issue 14);
/// Identity's own periodic validation (<see cref="Infrastructure.PortalOptions.SecurityStampSeconds"/>) still
/// rebuilds the claims (role, operators) on its interval.
/// </summary>
public static class SessionStamp
{
    public static async Task<bool> IsCurrentAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        if (Guid.TryParse(principal.FindFirstValue(claims.UserIdClaimType), out var userId) && stamp is not null)
        {
            // Runs before the tenant is known, and reads only this user's own stamp by primary key.
            // The client-host lookup that the request makes next comes in the same round trip.
            var current = await services.GetRequiredService<PreTenantReads>().SecurityStampAsync(
                context.HttpContext, userId, Features.ClientPortal.ClientPortalSite.RequestHost(context.HttpContext), context.HttpContext.RequestAborted);
            if (current == stamp)
            {
                return true;
            }
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return false;
    }

    /// <summary>
    /// Whether Identity's periodic validation is due for this cookie: the same test as its
    /// <see cref="SecurityStampValidator{TUser}"/> (issued longer ago than the interval, or no issue time), made here
    /// so that the requests in between do not build the validator, its SignInManager and UserManager only for it to
    /// find that nothing is due (issue 14).
    /// </summary>
    public static bool IdentityValidationDue(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var clock = options.TimeProvider ?? context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        return context.Properties.IssuedUtc is not { } issued || clock.GetUtcNow() - issued > options.ValidationInterval;
    }
}
