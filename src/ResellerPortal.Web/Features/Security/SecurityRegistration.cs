using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ResellerPortal.Web.Infrastructure;

namespace ResellerPortal.Web.Features.Security;

public static class SecurityRegistration
{
    /// <summary>Two-factor sign-in: the account security pages and the login's code step (issue 13, part 3).</summary>
    public static IServiceCollection AddSecurityFeature(this IServiceCollection services)
    {
        services.AddScoped<TwoFactorSettings>();
        services.AddScoped<Account.TwoFactorSignIn>();
        // Identity's cookies between the password and the code (5 minutes) and of a remembered browser
        // (14 days): named and secured like the portal's own session cookie.
        foreach (var (scheme, name) in new[] { (IdentityConstants.TwoFactorUserIdScheme, "rp.2fa"), (IdentityConstants.TwoFactorRememberMeScheme, "rp.2fa-remember") })
        {
            services.AddOptions<CookieAuthenticationOptions>(scheme).Configure<IOptions<PortalOptions>>((cookie, portal) =>
            {
                cookie.Cookie.Name = portal.Value.Https ? "__Host-" + name : name;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = portal.Value.Https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.Path = "/";
            });
        }

        return services;
    }
}
