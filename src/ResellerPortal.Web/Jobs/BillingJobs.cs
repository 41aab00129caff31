using Hangfire;
using ResellerPortal.Web.Features.Billing;

namespace ResellerPortal.Web.Jobs;

/// <summary>
/// Recurring billing (§6): daily for today's date (UTC), and "run now for a date" from <c>/admin/billing</c>.
/// </summary>
/// <remarks>
/// Runs at once, a run taken again after its node died, or an admin's second click charge nothing twice and
/// move no billing date twice: each batch locks its clients and re-checks they are due, charges carry their
/// natural keys, and dates move by compare-and-set (see <see cref="BillingBatch"/>). A run that died is
/// completed by its retry or by the next run.
/// </remarks>
public sealed class RecurringBillingJob(RecurringBilling billing, TimeProvider clock)
{
    public const string Id = "recurring-billing";
    public const string DailyActor = "system:daily";

    // A retry resumes today's unfinished run rather than starting another.
    [AutomaticRetry(Attempts = 3)]
    public async Task<string> RunDailyAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var runId = await billing.StartAsync(today, DailyActor, resume: true, cancellationToken);
        return await billing.RunAsync(runId, cancellationToken);
    }

    /// <summary>Runs (or resumes) the run an admin asked for.</summary>
    [AutomaticRetry(Attempts = 3)]
    public Task<string> RunAsync(Guid runId, CancellationToken cancellationToken) => billing.RunAsync(runId, cancellationToken);
}
