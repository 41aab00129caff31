using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ResellerPortal.Web.Jobs;

namespace ResellerPortal.Web.Infrastructure;

/// <summary>
/// Ready when the job storage answers and, on a node that runs a job server, that server has announced
/// itself and its heartbeat is recent (a node whose workers stopped is taken out of rotation).
/// </summary>
public sealed class JobsHealthCheck(JobStorage storage, JobServerNode node) : IHealthCheck
{
    /// <summary>Hangfire beats every 30 s; two missed beats mean the server is not running.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(75);

    // Heartbeats are Hangfire's wall-clock times, so they are compared with the system clock, not the portal's TimeProvider.
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var servers = storage.GetMonitoringApi().Servers();
        if (!node.RunsServer)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"job storage answers; {servers.Count} job server(s) on other nodes"));
        }

        var prefix = node.ServerName.ToLowerInvariant() + ":";
        var mine = servers.FirstOrDefault(s => s.Name.StartsWith(prefix, StringComparison.Ordinal));
        if (mine is null)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("this node's job server has not announced itself"));
        }

        var beat = mine.Heartbeat is { } heartbeat ? new DateTimeOffset(DateTime.SpecifyKind(heartbeat, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        return Task.FromResult(beat is null || TimeProvider.System.GetUtcNow() - beat > StaleAfter
            ? HealthCheckResult.Unhealthy($"job server {mine.Name} has not beaten since {beat:O}")
            : HealthCheckResult.Healthy($"job server {mine.Name} running, {mine.WorkersCount} workers"));
    }
}
