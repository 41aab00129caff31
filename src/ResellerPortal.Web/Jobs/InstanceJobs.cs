using Hangfire;
using ResellerPortal.Web.Features.Instances;
using ResellerPortal.Web.Features.Network;

namespace ResellerPortal.Web.Jobs;

/// <summary>
/// Marks new instances ready and applies pending restarts, reseller by reseller. Scheduled by the
/// create and edit requests for when the work is due, and polled as a safety net.
/// </summary>
/// <remarks>
/// Two runs at once are harmless: the target is asked again (it answers "ready" or "not yet", as it does
/// on every poll) and the instance's row version lets one run save; the other's save is refused and skipped.
/// </remarks>
public sealed class InstanceProvisioningJob(JobScope scope)
{
    public const string Id = "instance-provisioning";

    // No automatic retry: the target is asked again at the next scheduled run or poll.
    [AutomaticRetry(Attempts = 0)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
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

        return $"provisioned {provisioned}, restarted {restarted}";
    }
}

/// <summary>EXPIRED → REMOVED → deleted → name released, after the configured days (§3).</summary>
/// <remarks>Each step is saved against the instance's row version: a second run finds it done or is refused.</remarks>
public sealed class InstanceLifecycleJob(JobScope scope)
{
    public const string Id = "instance-lifecycle";

    // Daily: a failed run (the database away for a moment) is retried a few times rather than waiting a day.
    [AutomaticRetry(Attempts = 3)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var resellers = await scope.RunForPlatformAsync(nameof(InstanceLifecycleJob), s => s.GetRequiredService<InstanceLifecycle>().ResellersWithWorkAsync(cancellationToken));
        var total = new LifecycleResult(0, 0, 0);
        foreach (var resellerId in resellers)
        {
            var r = await scope.RunForResellerAsync(nameof(InstanceLifecycleJob), resellerId, s => s.GetRequiredService<InstanceLifecycle>().RunAsync(cancellationToken));
            total = new LifecycleResult(total.Removed + r.Removed, total.Deleted + r.Deleted, total.Released + r.Released);
        }

        return $"removed {total.Removed}, deleted {total.Deleted}, released {total.Released}";
    }
}

/// <summary>Sends the certificate-expiry warnings of §2, each threshold once per certificate.</summary>
/// <remarks>
/// The warning row (operator, expiry, threshold) is unique and written with its emails in one
/// transaction: a second run, or a run again after a node died, sends nothing twice.
/// </remarks>
public sealed class CertificateExpiryJob(JobScope scope)
{
    public const string Id = "certificate-expiry";

    // Daily: retried a few times; what was sent is not sent again (see above).
    [AutomaticRetry(Attempts = 3)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var due = await scope.RunForPlatformAsync(nameof(CertificateExpiryJob), s => s.GetRequiredService<CertificateExpiryWarnings>().DueAsync(cancellationToken));
        var sent = 0;
        foreach (var warning in due)
        {
            sent += await scope.RunForResellerAsync(nameof(CertificateExpiryJob), warning.ResellerId, s => s.GetRequiredService<CertificateExpiryWarnings>().SendAsync(warning, cancellationToken)) ? 1 : 0;
        }

        return $"sent {sent} warning(s)";
    }
}

/// <summary>Reads the network status feed into the shared row (§9).</summary>
/// <remarks>Two runs at once write the same reading into the same row: harmless.</remarks>
public sealed class NetworkStatusJob(JobScope scope)
{
    public const string Id = "network-status";

    // No automatic retry: the next poll is the retry, and a reading too old shows grey by itself.
    [AutomaticRetry(Attempts = 0)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var indicator = await scope.RunForPlatformAsync(nameof(NetworkStatusJob), s => s.GetRequiredService<NetworkStatusReader>().RefreshAsync(cancellationToken));
        return indicator.ToString();
    }
}
