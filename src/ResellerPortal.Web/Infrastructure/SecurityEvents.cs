using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ResellerPortal.Domain;
using ResellerPortal.Web.Auth;

namespace ResellerPortal.Web.Infrastructure;

/// <summary>
/// Security events (ASVS V16): login success and failure, lockout, access denied, with user,
/// reseller and IP, in UTC. User input is encoded so it cannot forge log lines.
/// </summary>
public static class SecurityEvents
{
    public const string Category = "ResellerPortal.Security";

    public static void LoginSucceeded(ILogger logger, string email, Guid? resellerId, string? ip, DateTimeOffset at) =>
        logger.LogInformation("Security: login succeeded for {Email} reseller {Reseller} from {Ip} at {AtUtc:O}", LogText.Encode(email), resellerId?.ToString() ?? "-", ip, at.UtcDateTime);

    public static void LoginFailed(ILogger logger, string email, string reason, string? ip, DateTimeOffset at) =>
        logger.LogWarning("Security: login failed for {Email} ({Reason}) from {Ip} at {AtUtc:O}", LogText.Encode(email), reason, ip, at.UtcDateTime);

    public static void LockedOut(ILogger logger, string email, string? ip, DateTimeOffset at) =>
        logger.LogWarning("Security: account locked out for {Email} from {Ip} at {AtUtc:O}", LogText.Encode(email), ip, at.UtcDateTime);

    public static Task OnAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        var services = context.HttpContext.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        var user = context.HttpContext.User;
        logger.LogWarning(
            "Security: access denied to {Path} for {User} reseller {Reseller} from {Ip} at {AtUtc:O}",
            LogText.Encode(context.Request.Path.Value),
            LogText.Encode(user.Identity?.Name),
            user.GetResellerId()?.ToString() ?? "-",
            context.HttpContext.Connection.RemoteIpAddress?.ToString(),
            services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
