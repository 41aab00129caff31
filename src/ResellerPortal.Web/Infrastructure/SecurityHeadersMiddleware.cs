namespace ResellerPortal.Web.Infrastructure;

/// <summary>
/// Content-Security-Policy without inline script (htmx and our scripts come from files), no framing,
/// no MIME sniffing, no referrer leakage to other sites.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// Hangfire's dashboard (<c>/admin/jobs</c>) colours job states with style attributes and its charts
    /// (Chart.js) add a stylesheet at run time; its scripts are files, so only inline styles are allowed,
    /// and only on that path. A style cannot run code; scripts stay 'self' only.
    /// </summary>
    private const string JobsDashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var policy = context.Request.Path.StartsWithSegments(Jobs.JobsDashboard.Path, StringComparison.OrdinalIgnoreCase) ? JobsDashboardPolicy : Policy;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            // A reseller's brand stylesheet and images (/brand/...) are public and versioned: they keep their long cache.
            if (context.User.Identity?.IsAuthenticated == true && !context.Request.Path.StartsWithSegments("/brand", StringComparison.OrdinalIgnoreCase))
            {
                // Whatever a signed-in user is shown (pages, partials, JSON, exports) holds personal data:
                // no shared or browser cache keeps a copy after logout.
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
