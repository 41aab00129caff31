using Quartz;
using ResellerPortal.Web.Features.Instances;
using ResellerPortal.Web.Features.Network;

namespace ResellerPortal.Web.Jobs;

/// <summary>Marks new instances ready and applies pending restarts, reseller by reseller.</summary>
public sealed class InstanceProvisioningJob(JobScope scope) : IJob
{
    public static readonly JobKey Key = new("instance-provisioning", "instances");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var resellers = await scope.RunForPlatformAsync(nameof(InstanceProvisioningJob), s => s.GetRequiredService<InstanceProvisioning>().ResellersWithWorkAsync(cancellationToken));
        var provisioned = 0;
        var restarted = 0;
        foreach (var resellerId in resellers)
        {
            var (p, r) = await scope.RunForResellerAsync(nameof(InstanceProvisioningJob), resellerId, s => s.GetRequiredService<InstanceProvisioning>().RunAsync(cancellationToken));
            provisioned += p;
            restarted += r;
        }

        context.Result = $"provisioned {provisioned}, restarted {restarted}";
    }
}

/// <summary>EXPIRED → REMOVED → deleted → name released, after the configured days (§3).</summary>
public sealed class InstanceLifecycleJob(JobScope scope) : IJob
{
    public static readonly JobKey Key = new("instance-lifecycle", "instances");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var resellers = await scope.RunForPlatformAsync(nameof(InstanceLifecycleJob), s => s.GetRequiredService<InstanceLifecycle>().ResellersWithWorkAsync(cancellationToken));
        var total = new LifecycleResult(0, 0, 0);
        foreach (var resellerId in resellers)
        {
            var r = await scope.RunForResellerAsync(nameof(InstanceLifecycleJob), resellerId, s => s.GetRequiredService<InstanceLifecycle>().RunAsync(cancellationToken));
            total = new LifecycleResult(total.Removed + r.Removed, total.Deleted + r.Deleted, total.Released + r.Released);
        }

        context.Result = $"removed {total.Removed}, deleted {total.Deleted}, released {total.Released}";
    }
}

/// <summary>Sends the certificate-expiry warnings of §2, each threshold once per certificate.</summary>
public sealed class CertificateExpiryJob(JobScope scope) : IJob
{
    public static readonly JobKey Key = new("certificate-expiry", "instances");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var due = await scope.RunForPlatformAsync(nameof(CertificateExpiryJob), s => s.GetRequiredService<CertificateExpiryWarnings>().DueAsync(cancellationToken));
        var sent = 0;
        foreach (var warning in due)
        {
            sent += await scope.RunForResellerAsync(nameof(CertificateExpiryJob), warning.ResellerId, s => s.GetRequiredService<CertificateExpiryWarnings>().SendAsync(warning, cancellationToken)) ? 1 : 0;
        }

        context.Result = $"sent {sent} warning(s)";
    }
}

/// <summary>Reads the network status feed into the shared row (§9).</summary>
public sealed class NetworkStatusJob(JobScope scope) : IJob
{
    public static readonly JobKey Key = new("network-status", "portal");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var indicator = await scope.RunForPlatformAsync(nameof(NetworkStatusJob), s => s.GetRequiredService<NetworkStatusReader>().RefreshAsync(cancellationToken));
        context.Result = indicator.ToString();
    }
}
