using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Tests.Shared;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Infrastructure;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace ResellerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// Serilog's request logging as the portal configures it: one line per request with the user, the real
/// person behind an impersonation, the tenant and the request id; failures at Error.
/// </summary>
public sealed class RequestLoggingTests(PostgresFixture postgres) : PortalTest(postgres)
{
    [Fact]
    public async Task A_request_is_one_line_with_user_real_user_tenant_and_request_id()
    {
        var sink = new CapturingSink();
        await using var portal = new LoggingPortal(Portal.ConnectionString, sink);
        using var reseller = await SignedInAsync(DemoSeeder.Reseller1Email, portal);
        // What an impersonation puts in the cookie: the real person's name beside the user's own claims.
        reseller.Client.DefaultRequestHeaders.Add(TestClaims.RealUserHeader, DemoSeeder.AdminEmail);
        var alpha = await ResellerIdAsync("alpha");

        var first = await reseller.GetAsync("/dashboard");
        var second = await reseller.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var lines = sink.RequestLines("/dashboard");
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line =>
        {
            Assert.Equal(LogEventLevel.Information, line.Level);
            Assert.Equal("GET", Text(line, "RequestMethod"));
            Assert.Equal(200, (int)((ScalarValue)line.Properties["StatusCode"]).Value!);
            Assert.Equal(DemoSeeder.Reseller1Email, Text(line, "User"));
            Assert.Equal(DemoSeeder.AdminEmail, Text(line, "RealUser"));
            Assert.Equal(alpha.ToString(), Text(line, "Tenant"));
            Assert.False(string.IsNullOrEmpty(Text(line, "RequestId")));
        });
        Assert.NotEqual(Text(lines[0], "RequestId"), Text(lines[1], "RequestId"));
        // As the console and the file write it ({Message:lj}).
        using var text = new StringWriter();
        new MessageTemplateTextFormatter("{Message:lj}", CultureInfo.InvariantCulture).Format(lines[0], text);
        Assert.Matches($@"^HTTP GET /dashboard responded 200 in \d+\.\d ms user {Regex.Escape(DemoSeeder.Reseller1Email)} real user {Regex.Escape(DemoSeeder.AdminEmail)} tenant {alpha} request \S+$", text.ToString());
    }

    [Fact]
    public async Task Anonymous_and_platform_requests_name_no_user_or_every_tenant()
    {
        var sink = new CapturingSink();
        await using var portal = new LoggingPortal(Portal.ConnectionString, sink);
        using var anonymous = NewBrowser(portal);
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail, portal);

        await anonymous.GetAsync("/health/live");
        await admin.GetAsync("/admin/resellers");

        var health = Assert.Single(sink.RequestLines("/health/live"));
        Assert.Equal("-", Text(health, "User"));
        Assert.Equal("-", Text(health, "RealUser"));
        Assert.Equal("-", Text(health, "Tenant"));
        var resellers = Assert.Single(sink.RequestLines("/admin/resellers"));
        Assert.Equal(DemoSeeder.AdminEmail, Text(resellers, "User"));
        Assert.Equal("-", Text(resellers, "RealUser"));
        Assert.Equal("all", Text(resellers, "Tenant"));
    }

    [Fact]
    public async Task A_failed_request_is_one_line_at_Error_as_500_with_its_exception()
    {
        var sink = new CapturingSink();
        await using var portal = new LoggingPortal(Portal.ConnectionString, sink);
        using var reseller = await SignedInAsync(DemoSeeder.Reseller1Email, portal);
        reseller.Client.DefaultRequestHeaders.Add(TestClaims.FailHeader, "yes");

        var response = await reseller.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var line = Assert.Single(sink.RequestLines("/dashboard"));
        Assert.Equal(LogEventLevel.Error, line.Level);
        Assert.Equal(500, (int)((ScalarValue)line.Properties["StatusCode"]).Value!);
        Assert.IsType<TestFailureException>(line.Exception);
        Assert.Equal(DemoSeeder.Reseller1Email, Text(line, "User"));
        // The friendly error page that ASP.NET Core re-executes belongs to the same request: no second line.
        Assert.Empty(sink.RequestLines("/error"));
    }

    [Fact]
    public async Task A_request_the_client_abandons_is_one_line_as_499_at_Information()
    {
        var sink = new CapturingSink();
        await using var portal = new LoggingPortal(Portal.ConnectionString, sink);
        using var reseller = await SignedInAsync(DemoSeeder.Reseller1Email, portal);
        reseller.Client.DefaultRequestHeaders.Add(TestClaims.HoldHeader, "yes");
        var held = portal.Services.GetRequiredService<HeldRequests>();
        using var abandon = new CancellationTokenSource();

        var request = reseller.Client.GetAsync("/dashboard", abandon.Token);
        await held.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await abandon.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        var line = await sink.RequestLineAsync("/dashboard");
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Equal(499, (int)((ScalarValue)line.Properties["StatusCode"]).Value!);
        Assert.IsAssignableFrom<OperationCanceledException>(line.Exception);
        Assert.Equal(DemoSeeder.Reseller1Email, Text(line, "User"));
    }

    [Fact]
    public async Task A_not_found_page_is_one_line_with_its_status()
    {
        var sink = new CapturingSink();
        await using var portal = new LoggingPortal(Portal.ConnectionString, sink);
        using var reseller = await SignedInAsync(DemoSeeder.Reseller1Email, portal);

        var response = await reseller.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var line = Assert.Single(sink.RequestLines("/no/such/page"));
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Equal(404, (int)((ScalarValue)line.Properties["StatusCode"]).Value!);
        Assert.Empty(sink.RequestLines("/error/404"));
    }

    [Fact]
    public async Task Security_events_still_reach_the_log_with_user_input_encoded()
    {
        var sink = new CapturingSink();
        await using var portal = new LoggingPortal(Portal.ConnectionString, sink);
        using var anonymous = NewBrowser(portal);

        await anonymous.LoginAsync("nobody@example.com\r\nforged line", "wrong password");

        var failure = Assert.Single(sink.Events, e => e.MessageTemplate.Text.StartsWith("Security: login failed", StringComparison.Ordinal));
        Assert.Equal(LogEventLevel.Warning, failure.Level);
        Assert.Equal("nobody@example.com\\u000d\\u000aforged line", Text(failure, "Email"));
    }

    private static string? Text(LogEvent line, string property) =>
        line.Properties.TryGetValue(property, out var value) ? (value as ScalarValue)?.Value?.ToString() : null;

    /// <summary>The portal on the test's database, logging at Information into <see cref="CapturingSink"/>.</summary>
    private sealed class LoggingPortal(string connectionString, CapturingSink sink)
        : PortalFactory(connectionString, new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                // Serilog takes sinks from the services (ReadFrom.Services in Program).
                services.AddSingleton<ILogEventSink>(sink);
                services.AddTransient<IClaimsTransformation, TestClaims>();
                services.AddSingleton<IAuthorizationHandler, FailingAuthorization>();
                services.AddSingleton<HeldRequests>();
            });
        }
    }

    /// <summary>Adds an impersonation's real-user claims when the test's header asks.</summary>
    private sealed class TestClaims(IHttpContextAccessor http) : IClaimsTransformation
    {
        public const string RealUserHeader = "X-Test-Real-User";
        public const string FailHeader = "X-Test-Fail";
        public const string HoldHeader = "X-Test-Hold";

        public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
        {
            if (http.HttpContext!.Request.Headers.TryGetValue(RealUserHeader, out var realUser) && principal.FindFirst(PortalClaims.RealUserName) is null)
            {
                principal.AddIdentity(new ClaimsIdentity([new Claim(PortalClaims.RealUserName, realUser.ToString()), new Claim(PortalClaims.RealUserId, Guid.NewGuid().ToString())]));
            }

            return Task.FromResult(principal);
        }
    }

    /// <summary>
    /// Fails the request inside the pipeline, once the user is known, when the test's header asks; or holds it
    /// until the client goes away, as a slow page would be held when its client closes the connection.
    /// </summary>
    private sealed class FailingAuthorization(IHttpContextAccessor http, HeldRequests held) : IAuthorizationHandler
    {
        public async Task HandleAsync(AuthorizationHandlerContext context)
        {
            var current = http.HttpContext!;
            if (current.Request.Path != "/dashboard")
            {
                return;
            }

            if (current.Request.Headers.ContainsKey(TestClaims.FailHeader))
            {
                throw new TestFailureException();
            }

            if (current.Request.Headers.ContainsKey(TestClaims.HoldHeader))
            {
                held.Arrived.TrySetResult();
                await Task.Delay(Timeout.Infinite, current.RequestAborted);
            }
        }
    }

    /// <summary>Tells the test that a held request reached the pipeline.</summary>
    private sealed class HeldRequests
    {
        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class TestFailureException() : Exception("A failure inside the request, for the test.");

    private sealed class CapturingSink : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> _events = new();

        public IEnumerable<LogEvent> Events => _events;

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

        public List<LogEvent> RequestLines(string path) => _events
            .Where(e => e.MessageTemplate.Text == RequestLogging.MessageTemplate && Text(e, "RequestPath") == path)
            .ToList();

        /// <summary>The one line of a request whose client did not wait for its end: it is written when the pipeline unwinds.</summary>
        public async Task<LogEvent> RequestLineAsync(string path)
        {
            await Eventually.TrueAsync(() => Task.FromResult(RequestLines(path).Count > 0), $"the request line of {path}");
            return Assert.Single(RequestLines(path));
        }
    }
}
