using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Hangfire;
using Hangfire.Storage.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Tests.Shared;
using ResellerPortal.Web.Jobs;

namespace ResellerPortal.IntegrationTests.Cluster;

/// <summary>
/// Hangfire runs a job at least once: a job whose node dies runs again on another node, and its effect
/// still happens once (the database's unique keys); a job that runs long is not started a second time
/// while it runs (sliding invisibility). The job is the certificate-expiry warning, made to block
/// mid-run by holding a lock on one operator's row, which its insert of that operator's warning waits for.
/// </summary>
public sealed class JobRecoveryTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private const int InvisibilitySeconds = 10;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Two certificates due a warning: EU (12 days left: the 14-day one) and US (7 days left).
        var inAWeek = DateOnly.FromDateTime(Portal.Clock.GetUtcNow().UtcDateTime).AddDays(7);
        await AsPlatformAsync(db => db.Operators.Where(o => o.Name == "US").ExecuteUpdateAsync(s => s.SetProperty(o => o.CertificateExpiresOn, inAWeek)));
    }

    [Fact]
    public async Task A_job_whose_node_is_killed_mid_run_runs_again_on_the_other_node_within_the_invisibility_timeout_and_warns_once()
    {
        using var node = await PortalProcess.StartAsync(Portal.ConnectionString, InvisibilitySeconds);
        string jobId;
        DateTime killedAt;
        await using (var hold = await HoldOperatorAsync("US"))
        {
            jobId = Portal.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<CertificateExpiryJob>(j => j.RunAsync(CancellationToken.None));
            await WaitForAsync(async () => await LockWaitersAsync() == 1, "the job to block on the held operator row");
            Assert.Equal("Processing", JobDetails(jobId).History[0].StateName);

            node.Kill();
            killedAt = DateTime.UtcNow;
        }

        // The dead node's transaction never commits: nothing of the blocked warning was written.
        await using var other = new PortalFactory(Portal.ConnectionString, PortalFactory.JobServer(InvisibilitySeconds));
        _ = other.Services;
        await WaitForAsync(() => Task.FromResult(JobDetails(jobId).History[0].StateName == "Succeeded"), "the job to run again and succeed", TimeSpan.FromSeconds(60));

        var processing = JobDetails(jobId).History.Where(h => h.StateName == "Processing").OrderBy(h => h.CreatedAt).ToList();
        Assert.Equal(2, processing.Count);
        Assert.NotEqual(processing[0].Data["ServerId"], processing[1].Data["ServerId"]);
        var pickedUpAfter = processing[1].CreatedAt - killedAt;
        Assert.True(pickedUpAfter < TimeSpan.FromSeconds(InvisibilitySeconds + 5), $"taken again {pickedUpAfter.TotalSeconds:0.0} s after the kill");

        var warnings = await AsPlatformAsync(db => db.CertificateWarnings.Select(w => w.OperatorId).ToListAsync());
        Assert.Equal(2, warnings.Count);
        Assert.Equal(2, warnings.Distinct().Count());
        var mails = await AsPlatformAsync(db => db.OutboxMessages.Where(m => m.Subject.StartsWith("SSL certificate for ")).Select(m => new { m.To, m.Subject }).ToListAsync());
        Assert.Equal(2, mails.Select(m => m.Subject).Distinct().Count());
        Assert.Equal(mails.Count, mails.Distinct().Count());
    }

    [Fact]
    public async Task A_job_running_longer_than_the_invisibility_timeout_is_not_started_a_second_time()
    {
        const int Timeout = 3;
        await using var first = new PortalFactory(Portal.ConnectionString, PortalFactory.JobServer(Timeout));
        await using var second = new PortalFactory(Portal.ConnectionString, PortalFactory.JobServer(Timeout));
        _ = first.Services;
        _ = second.Services;
        string jobId;
        await using (var hold = await HoldOperatorAsync("US"))
        {
            jobId = first.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<CertificateExpiryJob>(j => j.RunAsync(CancellationToken.None));
            await WaitForAsync(async () => await LockWaitersAsync() == 1, "the job to block on the held operator row");

            // Four timeouts long: without the sliding timeout, both nodes would have fetched it again by now.
            for (var i = 0; i < 4 * Timeout; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                Assert.Equal(1, await LockWaitersAsync());
            }
        }

        await WaitForAsync(() => Task.FromResult(JobDetails(jobId).History[0].StateName == "Succeeded"), "the job to finish");
        Assert.Single(JobDetails(jobId).History, h => h.StateName == "Processing");
        Assert.Equal(2, await AsPlatformAsync(db => db.CertificateWarnings.CountAsync()));
    }

    private JobDetailsDto JobDetails(string jobId) =>
        Portal.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(jobId);

    /// <summary>Locks the operator's row: inserting a warning for it (a foreign key to it) waits until the lock is released.</summary>
    private async Task<RowLock> HoldOperatorAsync(string name)
    {
        var connection = new NpgsqlConnection(Portal.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("""SELECT 1 FROM "Operators" WHERE "Name" = @name FOR UPDATE""", connection, transaction);
        command.Parameters.AddWithValue("name", name);
        Assert.Equal(1, await command.ExecuteScalarAsync());
        return new RowLock(connection, transaction);
    }

    /// <summary>Sessions of this database waiting for a lock.</summary>
    private async Task<long> LockWaitersAsync()
    {
        await using var connection = new NpgsqlConnection(Portal.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(200);
        }
    }

    /// <summary>A lock held until disposed: the transaction is rolled back and its connection closed.</summary>
    private sealed class RowLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}

/// <summary>The built portal as a process of its own (<c>dotnet ResellerPortal.Web.dll</c>), as a node runs in production.</summary>
internal sealed class PortalProcess : IDisposable
{
    private readonly Process _process;

    private PortalProcess(Process process) => _process = process;

    public static async Task<PortalProcess> StartAsync(string connectionString, int invisibilitySeconds)
    {
        var assembly = typeof(Program).Assembly.Location;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly },
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in PortalFactory.JobServer(invisibilitySeconds))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ConnectionStrings__Portal"] = connectionString;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_USE_POLLING_FILE_WATCHER"] = "true";
        start.Environment["Logging__File__Path"] = string.Empty;
        start.Environment["Serilog__MinimumLevel"] = "Warning";
        // Only the job under test: the polls stay quiet.
        start.Environment["Jobs__OutboxDispatchSeconds"] = "3600";
        start.Environment["Licensing__PollSeconds"] = "0";
        var process = Process.Start(start)!;
        var node = new PortalProcess(process);
        _ = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                Assert.Fail("The portal process exited: " + await errors);
            }

            try
            {
                // Ready means the database answers and this node's job server has announced itself.
                if ((await http.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        node.Dispose();
        Assert.Fail("The portal process did not become ready.");
        return null!;
    }

    /// <summary>Ends the process at once: no graceful stop, its jobs are left fetched.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
