using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.Tests.Shared;

/// <summary>
/// The real portal (Program) over a real PostgreSQL database. Settings go in as host configuration,
/// so Program sees them before it builds the app, exactly as it sees environment variables.
/// </summary>
public class PortalFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    static PortalFactory()
    {
        // Hundreds of hosts start and stop in one test run; inotify watchers (configuration reload,
        // static file versions) would run into the machine's limit of 128 instances per user.
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    public string ConnectionString { get; } = connectionString;

    /// <summary>
    /// The portal's clock (its <see cref="TimeProvider"/>). It starts at noon UTC of the run's day, so no test
    /// meets midnight, and moves only by <see cref="FakeTimeProvider.Advance"/> plus a millisecond per reading,
    /// so records written one after another still have times in that order.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(12), TimeSpan.Zero))
    {
        AutoAdvanceAmount = TimeSpan.FromMilliseconds(1),
    };

    /// <summary>Replaces the portal's services after its own registrations (a stand-in for something outside the portal).</summary>
    public Action<IServiceCollection>? Replace { get; init; }

    /// <summary>
    /// Settings of a node that runs jobs, with short timings so a test sees them within seconds: an idle
    /// worker looks for jobs every second, schedules are checked every second, a dead node's job is taken
    /// again after <paramref name="invisibilitySeconds"/>.
    /// </summary>
    public static Dictionary<string, string?> JobServer(int invisibilitySeconds = 10) => new()
    {
        ["Jobs:Server"] = "true",
        ["Jobs:QueuePollSeconds"] = "1",
        ["Jobs:SchedulePollingSeconds"] = "1",
        ["Jobs:InvisibilityTimeoutSeconds"] = invisibilitySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Jobs:ShutdownTimeoutSeconds"] = "5",
    };

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = ConnectionString,
            ["hostBuilder:reloadConfigOnChange"] = "false",
            ["Serilog:WriteTo:File:Args:path"] = string.Empty,
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Jobs run when a test asks, not on their own: hundreds of hosts start in a run, and each job
            // server would poll the database. Tests of the jobs turn the server on (JobServer below).
            ["Jobs:Server"] = "false",
            ["Jobs:OutboxDispatchSeconds"] = "3600",
            // As ./run.sh: the demo logins sign in with the password alone; the two-factor tests turn it on.
            ["Portal:RequireTwoFactorForStaff"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(values));
        return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, LoopbackClientAddress>());
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            Replace?.Invoke(services);
        });
    }

    /// <summary>The in-process test server has no TCP connection; give requests the loopback address a real one would have.</summary>
    private sealed class LoopbackClientAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>Seeds the demo data (idempotent) so tests can log in as the demo roles.</summary>
    public async Task SeedDemoAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }
}
