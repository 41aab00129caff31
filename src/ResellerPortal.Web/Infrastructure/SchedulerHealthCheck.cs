using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace ResellerPortal.Web.Infrastructure;

/// <summary>Ready only when the job scheduler has started and is not in standby.</summary>
public sealed class SchedulerHealthCheck(ISchedulerFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        return await scheduler.GetStatus(cancellationToken) == SchedulerStatus.Running
            ? HealthCheckResult.Healthy($"scheduler {scheduler.SchedulerInstanceId} running")
            : HealthCheckResult.Unhealthy("scheduler not running");
    }
}
