using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using ResellerPortal.Web.Features.Keys;

namespace ResellerPortal.Web.Jobs;

/// <summary>
/// Every background job of the portal, in one place (STYLE.md): Hangfire's storage and this node's
/// server, and every recurring job with its id and schedule (UTC).
/// </summary>
/// <remarks>
/// Hangfire runs a job at least once, never exactly once: a node killed mid-job leaves it to another
/// node after the invisibility timeout, and recurring jobs are not exclusive (its locks are rows that
/// expire, HANGFIRE.md). No job relies on a lock: two runs at once, or a run again after a crash, make
/// each effect once through the database, as noted on each job class.
/// </remarks>
public static class JobRegistration
{
    /// <summary>Work a user waits for (an activation, a provisioning): taken before the recurring polls.</summary>
    public const string CriticalQueue = "critical";

    public const string DefaultQueue = "default";

    public static IServiceCollection AddPortalJobs(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.Configure<JobsOptions>(configuration.GetSection(JobsOptions.Section));
        // Each worker holds a connection while it fetches and runs; the schedulers, heartbeat and dashboard need a few more.
        services.AddSingleton(new HangfireConnections(connectionString, options.WorkerCount + 10));
        // Hangfire names a server "name:process:guid"; a name of our own lets the readiness check find this node's.
        var node = new JobServerNode(options.Server, $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}");
        services.AddSingleton(node);
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                bootstrap => bootstrap.UseConnectionFactory(sp.GetRequiredService<HangfireConnections>()),
                new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    // A running job keeps its fetch alive, so the timeout can be short: it bounds how long a
                    // dead node's job waits, and a long job is never taken a second time while it runs.
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = TimeSpan.FromSeconds(options.InvisibilityTimeoutSeconds),
                    QueuePollInterval = TimeSpan.FromSeconds(options.QueuePollSeconds),
                }));

        // Before the server's hosted service, so the schema exists and the recurring jobs are current when it starts.
        services.AddHostedService<RecurringJobsSetup>();
        if (options.Server)
        {
            services.AddHangfireServer(server =>
            {
                server.ServerName = node.ServerName;
                server.WorkerCount = options.WorkerCount;
                server.Queues = [CriticalQueue, DefaultQueue];
                server.SchedulePollingInterval = TimeSpan.FromSeconds(options.SchedulePollingSeconds);
                server.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownTimeoutSeconds);
            });
        }

        return services;
    }

    /// <summary>Adds or updates every recurring job; a job whose interval is 0 is removed (no poll).</summary>
    public static void RegisterRecurringJobs(IRecurringJobManager jobs, IConfiguration configuration)
    {
        var licensing = configuration.GetSection(LicensingOptions.Section).Get<LicensingOptions>() ?? new LicensingOptions();

        // Requests schedule provisioning and restarts when they become due; this poll finds work left by a stopped node.
        Add<InstanceProvisioningJob>(jobs, InstanceProvisioningJob.Id, j => j.RunAsync(CancellationToken.None),
            Every(configuration.GetValue("Jobs:InstanceProvisioningSeconds", 60)));
        Add<InstanceLifecycleJob>(jobs, InstanceLifecycleJob.Id, j => j.RunAsync(CancellationToken.None),
            configuration.GetValue("Jobs:InstanceLifecycleCron", "0 0 2 * * ?"));
        Add<CertificateExpiryJob>(jobs, CertificateExpiryJob.Id, j => j.RunAsync(CancellationToken.None),
            configuration.GetValue("Jobs:CertificateExpiryCron", "0 0 6 * * ?"));
        Add<NetworkStatusJob>(jobs, NetworkStatusJob.Id, j => j.RunAsync(CancellationToken.None),
            Every(configuration.GetValue("NetworkStatus:PollSeconds", 60)));

        // Requests enqueue these two at once; the poll only finds work nobody enqueued (a lease ran out, a node stopped).
        Add<LicenceActivationJob>(jobs, LicenceActivationJob.Id, j => j.RunAsync(CancellationToken.None), Every(licensing.PollSeconds));
        Add<LicenceInstallationJob>(jobs, LicenceInstallationJob.Id, j => j.RunAsync(CancellationToken.None), Every(licensing.PollSeconds));
        Add<LicenceExpiryJob>(jobs, LicenceExpiryJob.Id, j => j.RunAsync(CancellationToken.None),
            configuration.GetValue("Jobs:LicenceExpiryCron", "0 30 6 * * ?"));

        Add<OutboxDispatchJob>(jobs, OutboxDispatchJob.Id, j => j.RunAsync(CancellationToken.None),
            Every(configuration.GetValue("Jobs:OutboxDispatchSeconds", 30)));
        Add<RecurringBillingJob>(jobs, RecurringBillingJob.Id, j => j.RunDailyAsync(CancellationToken.None),
            configuration.GetValue("Jobs:RecurringBillingCron", "0 0 1 * * ?"));
    }

    /// <summary>Every recurring job id, as the dashboard lists them.</summary>
    public static readonly IReadOnlyList<string> RecurringJobIds =
    [
        InstanceProvisioningJob.Id, InstanceLifecycleJob.Id, CertificateExpiryJob.Id, NetworkStatusJob.Id,
        LicenceActivationJob.Id, LicenceInstallationJob.Id, LicenceExpiryJob.Id, OutboxDispatchJob.Id,
        RecurringBillingJob.Id,
    ];

    /// <summary>
    /// An interval in seconds as a cron expression (UTC), or null for 0 (no schedule). Hangfire reads six
    /// fields as seconds first, so intervals that divide a minute stay exact (30 s: <c>*/30 * * * * *</c>);
    /// longer ones must divide an hour or a day.
    /// </summary>
    public static string? Every(int seconds) => seconds switch
    {
        <= 0 => null,
        < 60 when 60 % seconds == 0 => $"*/{seconds} * * * * *",
        _ when seconds % 60 == 0 && seconds < 3600 && 3600 % seconds == 0 => $"*/{(seconds / 60).ToString(CultureInfo.InvariantCulture)} * * * *",
        _ when seconds % 3600 == 0 && 86400 % seconds == 0 => $"0 */{(seconds / 3600).ToString(CultureInfo.InvariantCulture)} * * *",
        _ => throw new InvalidOperationException(
            $"An interval of {seconds} s cannot be a cron schedule: use a number of seconds that divides a minute (1–30), or minutes that divide an hour, or hours that divide a day."),
    };

    private static void Add<T>(IRecurringJobManager jobs, string id, System.Linq.Expressions.Expression<Func<T, Task>> run, string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            jobs.RemoveIfExists(id);
            return;
        }

        jobs.AddOrUpdate(id, DefaultQueue, run, cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }

    /// <summary>
    /// Prepares the storage (its schema) and writes the recurring jobs when the node starts. Writing a recurring
    /// job takes Hangfire's lock row for it; a node killed while it held one (kill -9, a lost container) leaves
    /// the row until it expires, and every other writer waits for it and gives up. So a start that meets such a
    /// lock does not fail: it logs the wait and writes the jobs again in the background until it succeeds, while
    /// the job server runs with the schedules already stored.
    /// </summary>
    private sealed class RecurringJobsSetup(
        IRecurringJobManager jobs, IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<RecurringJobsSetup> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!TryRegister(onlyLocks: true))
            {
                _ = Task.Run(() => RetryAsync(lifetime.ApplicationStopping), CancellationToken.None);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        private async Task RetryAsync(CancellationToken stopping)
        {
            var delay = TimeSpan.FromSeconds(configuration.GetValue("Jobs:RegistrationRetrySeconds", 10));
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(delay, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                // In the background any failure (the database restarting, say) is tried again, not only a lock.
                if (TryRegister(onlyLocks: false))
                {
                    logger.LogInformation("The recurring jobs are written; the lock that held them back was released");
                    return;
                }
            }
        }

        private bool TryRegister(bool onlyLocks)
        {
            try
            {
                RegisterRecurringJobs(jobs, configuration);
                return true;
            }
            catch (Exception e) when (!onlyLocks || e is PostgreSqlDistributedLockException or Hangfire.Storage.DistributedLockTimeoutException)
            {
                logger.LogWarning(e, "Writing the recurring jobs failed (a lock held by a node that stopped without releasing it?); trying again in the background");
                return false;
            }
        }
    }
}

/// <summary>Whether this node runs a Hangfire server, and the name it announces itself under.</summary>
public sealed record JobServerNode(bool RunsServer, string ServerName);
