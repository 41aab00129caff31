using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Auth;

/// <summary>
/// Puts the tenant and, for a ResellerUser, the assigned operators into the cookie. The principal is
/// rebuilt at every security-stamp validation, so a changed assignment reaches live sessions too.
/// </summary>
public sealed class PortalClaimsFactory(
    UserManager<PortalUser> userManager,
    RoleManager<IdentityRole<Guid>> roleManager,
    IOptions<IdentityOptions> options,
    PortalDbContext db)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? string.Empty : user.DisplayName));
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(PortalClaims.TwoFactor, "on"));
        }

        if (user.ResellerId is { } resellerId)
        {
            identity.AddClaim(new Claim(PortalClaims.ResellerId, resellerId.ToString()));
            if (user.ClientId is { } clientId)
            {
                identity.AddClaim(new Claim(PortalClaims.ClientId, clientId.ToString("D", CultureInfo.InvariantCulture)));
            }

            if (identity.HasClaim(ClaimTypes.Role, Roles.ResellerUser))
            {
                // Sign-in comes before the tenant is set; the reseller is pinned in the condition below.
                var operatorIds = await db.OperatorAssignments.IgnoreQueryFilters()
                    .Where(a => a.UserId == user.Id && a.ResellerId == resellerId)
                    .Select(a => a.OperatorId)
                    .ToListAsync();
                foreach (var operatorId in operatorIds)
                {
                    identity.AddClaim(new Claim(PortalClaims.Operator, operatorId.ToString("D", CultureInfo.InvariantCulture)));
                }
            }
        }

        return identity;
    }
}
