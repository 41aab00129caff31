using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace ResellerPortal.Web.Features.ClientPortal;

public static class ClientPortalRegistration
{
    /// <summary>The rate limiter's named policy of the signup and forgot-password forms: per client address, per hour.</summary>
    public const string SignupPolicy = "client-signup";

    /// <summary>The client portal (issue 12): where clients arrive, their logins, pages, signup and password links.</summary>
    public static IServiceCollection AddClientPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ClientPortalOptions>(configuration.GetSection(Infrastructure.PortalOptions.Section));
        services.AddScoped<ClientPortalSite>();
        services.AddScoped<ClientPortalLinks>();
        services.AddScoped<ClientSignIn>();
        services.AddScoped<ClientLogins>();
        services.AddScoped<ClientSignup>();
        services.AddScoped<ClientPages>();
        services.AddScoped<ClientProfile>();
        services.AddScoped<ResellerHostnames>();
        services.AddSingleton<SignupLimiter>();
        services.AddTransient<PasswordLinkTokens>();
        services.Configure<IdentityOptions>(o =>
        {
            o.Tokens.ProviderMap[PasswordLinkTokens.Name] = new TokenProviderDescriptor(typeof(PasswordLinkTokens));
            o.Tokens.PasswordResetTokenProvider = PasswordLinkTokens.Name;
        });

        var perIp = configuration.GetValue<int?>("Portal:SignupsPerIpPerHour") ?? new ClientPortalOptions().SignupsPerIpPerHour;
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignupPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, perIp), Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
        });

        // A client-portal page asked for without a client's session goes to that portal's own login, and a
        // refusal there is a plain 403 in the client layout: never the staff sign-in, which names the product.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
        {
            var toLogin = options.Events.OnRedirectToLogin;
            options.Events.OnRedirectToLogin = context =>
            {
                if (ClientPath(context.Request.Path) is { } slug)
                {
                    var returnUrl = context.Request.Path + context.Request.QueryString;
                    context.Response.Redirect($"/c/{slug}/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
                    return Task.CompletedTask;
                }

                return toLogin(context);
            };
            var denied = options.Events.OnRedirectToAccessDenied;
            options.Events.OnRedirectToAccessDenied = context =>
            {
                if (ClientPath(context.Request.Path) is not null)
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                }

                return denied(context);
            };
        });
        return services;
    }

    /// <summary>The middleware of the client portal's host names; after authentication, before authorization.</summary>
    public static IApplicationBuilder UseClientPortal(this IApplicationBuilder app) => app.UseMiddleware<ClientHostMiddleware>().UseRateLimiter();

    private static string? ClientPath(PathString path)
    {
        var segments = (path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[0] == "c" && Domain.Reseller.IsValidSlug(segments[1]) ? segments[1] : null;
    }
}
