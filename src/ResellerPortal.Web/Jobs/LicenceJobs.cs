using Microsoft.Extensions.Options;
using Quartz;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Web.Features.Keys;

namespace ResellerPortal.Web.Jobs;

/// <summary>Calls the key server for pending activations (§4), several at once, each in its reseller's scope.</summary>
public sealed class LicenceActivationJob(JobScope scope, LicenceJobTrigger trigger, IOptions<LicensingOptions> options) : IJob
{
    public static readonly JobKey Key = new("licence-activation", "licences");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var results = await LicenceJobRun.RunAsync(scope, nameof(LicenceActivationJob), ActivationStatus.Pending, options.Value.MaxParallel,
            (work, id) => work.ActivateAsync(id, cancellationToken), cancellationToken);
        if (results.Contains(LicenceWorkResult.Succeeded))
        {
            await trigger.InstallationsAsync(cancellationToken);
        }

        context.Result = LicenceJobRun.Describe(results);
    }
}

/// <summary>Installs activated licence keys on their instances with <c>QM.setActivationKey</c> (§4).</summary>
public sealed class LicenceInstallationJob(JobScope scope, IOptions<LicensingOptions> options) : IJob
{
    public static readonly JobKey Key = new("licence-installation", "licences");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var results = await LicenceJobRun.RunAsync(scope, nameof(LicenceInstallationJob), ActivationStatus.Activated, options.Value.MaxParallel,
            (work, id) => work.InstallAsync(id, cancellationToken), cancellationToken);
        context.Result = LicenceJobRun.Describe(results);
    }
}

/// <summary>Reminds resellers once of licences that run out within 14 days.</summary>
public sealed class LicenceExpiryJob(JobScope scope) : IJob
{
    public static readonly JobKey Key = new("licence-expiry", "licences");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var due = await scope.RunForPlatformAsync(nameof(LicenceExpiryJob), s => s.GetRequiredService<LicenceExpiryReminders>().DueAsync(cancellationToken));
        var sent = 0;
        foreach (var item in due)
        {
            sent += await scope.RunForResellerAsync(nameof(LicenceExpiryJob), item.ResellerId,
                s => s.GetRequiredService<LicenceExpiryReminders>().SendAsync(item.ActivationId, cancellationToken)) ? 1 : 0;
        }

        context.Result = $"sent {sent} reminder(s)";
    }
}

internal static class LicenceJobRun
{
    /// <summary>How often a run with free slots looks for work that arrived after it started.</summary>
    private static readonly TimeSpan LookAgain = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Works on up to <paramref name="maxParallel"/> activations at once, each in its reseller's scope, and
    /// keeps taking new ones as slots free up, so one call stalled until its deadline does not hold back an
    /// activation requested meanwhile (a request's trigger waits while this job runs). Ends when nothing is due.
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
                return results;
            }

            Task anyFinished = Task.WhenAny(running);
            await (running.Count < slots ? Task.WhenAny(anyFinished, Task.Delay(LookAgain, ct)) : anyFinished);
            foreach (var finished in running.Where(t => t.IsCompleted).ToList())
            {
                running.Remove(finished);
                results.Add(await finished);
            }
        }
    }

    public static string Describe(IReadOnlyCollection<LicenceWorkResult> results) =>
        results.Count == 0 ? "nothing to do"
            : string.Join(", ", results.GroupBy(r => r).OrderBy(g => g.Key).Select(g => $"{g.Key.ToString().ToLowerInvariant()} {g.Count()}"));
}
