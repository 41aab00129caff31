using System.Diagnostics;
using ResellerPortal.Domain;
using ResellerPortal.Web.Auth;

namespace ResellerPortal.Web.Infrastructure;

/// <summary>One structured line per request: method, path, status, elapsed ms, user and reseller.</summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            // The exception handler outside this middleware turns it into a 500 page: log it as such.
            failed = true;
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var user = context.User;
            logger.LogInformation(
                "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms user {User} reseller {Reseller}",
                context.Request.Method,
                LogText.Encode(context.Request.Path.Value),
                failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode,
                elapsed,
                user.Identity?.IsAuthenticated == true ? LogText.Encode(user.Identity.Name) : "-",
                user.GetResellerId()?.ToString() ?? "-");
        }
    }
}
