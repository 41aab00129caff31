using Microsoft.AspNetCore.Diagnostics;
using ResellerPortal.Domain;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Tenancy;
using Serilog;
using Serilog.Events;

namespace ResellerPortal.Web.Infrastructure;

/// <summary>
/// One structured line per request (Serilog's request logging): method, path, status, elapsed ms, the
/// user, the real person behind an impersonation, the tenant and the request id. A request that throws
/// is logged as 500 at Error with its exception; one the client abandoned (it closed the connection, and the
/// request's work stopped at its cancellation) as 499 at Information, as ASP.NET Core's exception handler does.
/// </summary>
public static class RequestLogging
{
    public const string MessageTemplate =
        "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms user {User} real user {RealUser} tenant {Tenant} request {RequestId}";

    public static IApplicationBuilder UsePortalRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // This host's logger rather than the static one, which several test hosts in one process share.
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = MessageTemplate;
            options.GetLevel = Level;
            options.GetMessageTemplateProperties = (http, path, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(http.Request.Method)),
                // The path is the client's text: encoded so it cannot forge a line (LogText).
                new LogEventProperty("RequestPath", new ScalarValue(LogText.Encode(path))),
                new LogEventProperty("StatusCode", new ScalarValue(Status(http, status))),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
            options.EnrichDiagnosticContext = Enrich;
        });

    /// <summary>
    /// Runs when the request ends, so it sees the signed-in user and the tenant that the pipeline set.
    /// </summary>
    private static void Enrich(IDiagnosticContext diagnostics, HttpContext http)
    {
        var signedIn = http.User.Identity?.IsAuthenticated == true;
        var actor = http.RequestServices.GetRequiredService<AuditActorAccessor>().Current();
        diagnostics.Set("User", signedIn ? LogText.Encode(actor.Name) : "-");
        diagnostics.Set("RealUser", actor.RealName is { } real ? LogText.Encode(real) : "-");
        var tenant = http.RequestServices.GetRequiredService<TenantContext>();
        diagnostics.Set("Tenant", tenant.SeesAllTenants ? "all" : tenant.ResellerId?.ToString() ?? "-");
        diagnostics.Set("RequestId", http.TraceIdentifier);
    }

    /// <summary>
    /// Errors at Error. The error page that ASP.NET Core re-executes for a failure or a status code is part
    /// of a request already logged, so its own pass goes to Verbose, below every configured level. A request
    /// the client abandoned is not the portal's failure: Information.
    /// </summary>
    private static LogEventLevel Level(HttpContext http, double elapsed, Exception? exception)
    {
        if (exception is null && (http.Features.Get<IExceptionHandlerFeature>() is not null || http.Features.Get<IStatusCodeReExecuteFeature>() is not null))
        {
            return LogEventLevel.Verbose;
        }

        if (exception is OperationCanceledException && http.RequestAborted.IsCancellationRequested)
        {
            return LogEventLevel.Information;
        }

        return exception is not null || http.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error : LogEventLevel.Information;
    }

    /// <summary>
    /// The status the line shows. Serilog gives 500 for any request that threw; one whose client had gone by
    /// then shows 499 ("client closed request"), the code ASP.NET Core's exception handler sets for it.
    /// </summary>
    private static int Status(HttpContext http, int status) =>
        status == StatusCodes.Status500InternalServerError && http.RequestAborted.IsCancellationRequested
            ? StatusCodes.Status499ClientClosedRequest
            : status;
}
