using Hangfire;
using Microsoft.Extensions.Options;
using ResellerPortal.Web.Jobs;

namespace ResellerPortal.Web.Features.Instances;

/// <summary>
/// Schedules the provisioning job for when a new instance or a restart is expected to be done, instead
/// of leaving it to a poll. If the target is not done by then, the job's recurring poll asks again.
/// </summary>
public sealed class ProvisioningTrigger(IBackgroundJobClient jobs, IOptions<InstanceOptions> options)
{
    public void Provisioning(DateTimeOffset requestedAt) => ScheduleAt(requestedAt.AddSeconds(options.Value.ProvisioningDelaySeconds));

    public void Restart(DateTimeOffset requestedAt) => ScheduleAt(requestedAt.AddSeconds(options.Value.RestartDelaySeconds));

    private void ScheduleAt(DateTimeOffset due) =>
        jobs.Schedule<InstanceProvisioningJob>(JobRegistration.CriticalQueue, j => j.RunAsync(CancellationToken.None), due);
}
