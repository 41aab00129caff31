using Hangfire;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Web.Features.Keys;

namespace ResellerPortal.Web.Jobs;

/// <summary>
/// Calls the key server for pending activations (§4), several at once, each in its reseller's scope.
/// Enqueued by the request; polled as a safety net.
/// </summary>
/// <remarks>
/// Runs at once (a request's, the poll's, a run again after a node died) share the work through the
/// activation's lease, taken against its row version: one run calls the key server for an activation,
/// the others skip it. A node killed mid-call leaves the lease to run out; the deadline then decides.
/// </remarks>
public sealed class LicenceActivationJob(JobScope scope, LicenceJobTrigger trigger, IOptions<LicensingOptions> options)
{
    public const string Id = "licence-activation";

    // No automatic retry: each call is retried by the activation's own policy until its deadline.
    [AutomaticRetry(Attempts = 0)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var results = await LicenceJobRun.RunAsync(scope, nameof(LicenceActivationJob), ActivationStatus.Pending, options.Value.MaxParallel,
            (work, id) => work.ActivateAsync(id, cancellationToken), cancellationToken);
        if (results.Contains(LicenceWorkResult.Succeeded))
        {
            trigger.Installations();
        }

        return LicenceJobRun.Describe(results);
    }
}

/// <summary>Installs activated licence keys on their instances with <c>QM.setActivationKey</c> (§4).</summary>
/// <remarks>Shares the work with other runs through the same lease as <see cref="LicenceActivationJob"/>.</remarks>
public sealed class LicenceInstallationJob(JobScope scope, IOptions<LicensingOptions> options)
{
    public const string Id = "licence-installation";

    // No automatic retry: each call is retried by the activation's own policy until its deadline.
    [AutomaticRetry(Attempts = 0)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var results = await LicenceJobRun.RunAsync(scope, nameof(LicenceInstallationJob), ActivationStatus.Activated, options.Value.MaxParallel,
            (work, id) => work.InstallAsync(id, cancellationToken), cancellationToken);
        return LicenceJobRun.Describe(results);
    }
}

/// <summary>Reminds resellers once of licences that run out within 14 days.</summary>
/// <remarks>
/// The reminder is marked on the activation (row version) in the same transaction as its emails: a
/// second run, at once or after a node died, finds it marked or is refused.
/// </remarks>
public sealed class LicenceExpiryJob(JobScope scope)
{
    public const string Id = "licence-expiry";

    // Daily: retried a few times; a reminder already sent is not sent again (see above).
    [AutomaticRetry(Attempts = 3)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var due = await scope.RunForPlatformAsync(nameof(LicenceExpiryJob), s => s.GetRequiredService<LicenceExpiryReminders>().DueAsync(cancellationToken));
        var sent = 0;
        foreach (var item in due)
        {
            sent += await scope.RunForResellerAsync(nameof(LicenceExpiryJob), item.ResellerId,
                s => s.GetRequiredService<LicenceExpiryReminders>().SendAsync(item.ActivationId, cancellationToken)) ? 1 : 0;
        }

        return $"sent {sent} reminder(s)";
    }
}

internal static class LicenceJobRun
{
    /// <summary>How often a run with free slots looks for work that arrived after it started.</summary>
    private static readonly TimeSpan LookAgain = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Works on up to <paramref name="maxParallel"/> activations at once, each in its reseller's scope, and
    /// keeps taking new ones as slots free up, so one call stalled until its deadline does not hold back an
    /// activation requested meanwhile. Ends when nothing is due. One activation's unexpected failure (logged
    /// by <see cref="JobScope"/>) does not stop the others: every task is awaited, and the run then throws
    /// the failures together so the scheduler records the run as failed.
    /// </summary>
    public static async Task<List<LicenceWorkResult>> RunAsync(
        JobScope scope,
        string job,
        ActivationStatus status,
        int maxParallel,
        Func<LicenceWork, Guid, Task<LicenceWorkResult>> work,
        CancellationToken ct)
    {
        var slots = Math.Max(1, maxParallel);
        var results = new List<LicenceWorkResult>();
        var running = new List<Task<LicenceWorkResult>>();
        var taken = new HashSet<Guid>();
        var failures = new List<Exception>();
        while (true)
        {
            if (running.Count < slots)
            {
                var due = await scope.RunForPlatformAsync(job, s => s.GetRequiredService<LicenceWork>().DueAsync(status, ct));
                foreach (var item in due.Where(d => !taken.Contains(d.ActivationId)).Take(slots - running.Count))
                {
                    taken.Add(item.ActivationId);
                    running.Add(scope.RunForResellerAsync(job, item.ResellerId, s => work(s.GetRequiredService<LicenceWork>(), item.ActivationId)));
                }
            }

            if (running.Count == 0)
            {
                return failures.Count == 0 ? results
                    : throw new AggregateException($"{job}: {failures.Count} of {results.Count + failures.Count} activation(s) failed unexpectedly; the others completed.", failures);
            }

            Task anyFinished = Task.WhenAny(running);
            await (running.Count < slots ? Task.WhenAny(anyFinished, Task.Delay(LookAgain, ct)) : anyFinished);
            foreach (var finished in running.Where(t => t.IsCompleted).ToList())
            {
                running.Remove(finished);
                if (finished.IsCompletedSuccessfully)
                {
                    results.Add(finished.Result);
                }
                else
                {
                    // Observed here; already logged with its activation's scope by JobScope.
                    failures.Add(finished.Exception?.GetBaseException() ?? new OperationCanceledException(ct));
                }
            }
        }
    }

    public static string Describe(IReadOnlyCollection<LicenceWorkResult> results) =>
        results.Count == 0 ? "nothing to do"
            : string.Join(", ", results.GroupBy(r => r).OrderBy(g => g.Key).Select(g => $"{g.Key.ToString().ToLowerInvariant()} {g.Count()}"));
}
