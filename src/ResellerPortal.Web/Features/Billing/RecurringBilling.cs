using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Billing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Jobs;

namespace ResellerPortal.Web.Features.Billing;

/// <summary>Recurring billing's settings (section <c>Billing</c>).</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";

    /// <summary>Clients per transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Batches billed at once by one run.</summary>
    public int Parallelism { get; set; } = 2;
}

/// <summary>
/// A billing run (§6): pages through the clients due on the run date in id order and bills them in batches
/// (<see cref="BillingBatch"/>), a few batches at once. A batch that fails is billed again client by client,
/// each alone, so one client's failure is reported on the run and stops nobody else. The run's row shows
/// progress as batches commit. Which clients: ACTIVE and SUSPENDED ones (a suspended client still holds its
/// sub-accounts and numbers, which cost the reseller); WAIT (not yet a customer), BLOCKED (cut off by the
/// reseller) and deleted clients are neither charged nor moved on — when a blocked client comes back, the
/// next run catches up its missed periods (the reseller can move its billing date first).
/// </summary>
/// <remarks>
/// One job, not a job per client: 100,000 enqueued jobs cost more than the billing itself. A run is safe to
/// run twice, at once or after a crash: each batch locks its clients and re-checks they are due, and each
/// charge has its natural key.
/// </remarks>
public sealed class RecurringBilling(JobScope scope, IOptions<BillingOptions> options, TimeProvider clock, ILogger<RecurringBilling> logger)
{
    public const string JobName = "RecurringBilling";

    /// <summary>A new run for <paramref name="runDate"/>, or the unfinished one <paramref name="startedBy"/> began for that date (a retried daily job).</summary>
    public Task<Guid> StartAsync(DateOnly runDate, string startedBy, bool resume, CancellationToken ct) =>
        scope.RunForPlatformAsync(JobName, async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            if (resume && await db.BillingRuns.Where(r => r.RunDate == runDate && r.StartedBy == startedBy && r.Status != BillingRunStatus.Finished)
                    .OrderByDescending(r => r.CreatedAt).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct) is { } existing)
            {
                return existing;
            }

            var run = new BillingRun(runDate, startedBy, clock.GetUtcNow());
            db.BillingRuns.Add(run);
            await db.SaveChangesAsync(ct);
            return run.Id;
        });

    public async Task<string> RunAsync(Guid runId, CancellationToken ct)
    {
        var runDate = await scope.RunForPlatformAsync(JobName, async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            var now = clock.GetUtcNow();
            var run = await db.BillingRuns.Where(r => r.Id == runId).Select(r => new { r.RunDate, r.Status }).SingleOrDefaultAsync(ct);
            if (run is null || run.Status == BillingRunStatus.Finished)
            {
                return (DateOnly?)null;
            }

            await db.Database.ExecuteSqlAsync($"""
                UPDATE "BillingRuns" SET "StartedAt" = COALESCE("StartedAt", {now}), "Status" = 'Running', "Error" = NULL WHERE "Id" = {runId}
                """, ct);
            return run.RunDate;
        });
        if (runDate is not { } date)
        {
            return "nothing to do: the run is finished or gone";
        }

        try
        {
            var settings = options.Value;
            await Parallel.ForEachAsync(
                PagesAsync(date, Math.Max(1, settings.BatchSize), ct),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Parallelism), CancellationToken = ct },
                async (page, token) => await BillPageAsync(runId, date, page, token));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Billing run {RunId} for {RunDate} stopped", runId, date);
            await FinishAsync(runId, BillingRunStatus.Stopped, ex.Message, CancellationToken.None);
            throw;
        }

        return await FinishAsync(runId, BillingRunStatus.Finished, null, ct);
    }

    private async Task BillPageAsync(Guid runId, DateOnly runDate, Guid[] page, CancellationToken ct)
    {
        try
        {
            await scope.RunForPlatformAsync(JobName, s => s.GetRequiredService<BillingBatch>().BillAsync(runId, runDate, page, ct));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "A batch of {Count} clients failed; billing them one by one", page.Length);
            foreach (var clientId in page)
            {
                try
                {
                    await scope.RunForPlatformAsync(JobName, s => s.GetRequiredService<BillingBatch>().BillAsync(runId, runDate, [clientId], ct));
                }
                catch (Exception one) when (one is not OperationCanceledException)
                {
                    await scope.RunForPlatformAsync(JobName, async s =>
                    {
                        await s.GetRequiredService<BillingBatch>().RecordFailureAsync(runId, clientId, one.Message, ct);
                        return true;
                    });
                }
            }
        }
    }

    /// <summary>The ids of the clients due, in id order, a page at a time (keyset: a failed client is passed, not looped on).</summary>
    private async IAsyncEnumerable<Guid[]> PagesAsync(DateOnly runDate, int size, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var after = Guid.Empty;
        while (true)
        {
            var from = after;
            var page = await scope.RunForPlatformAsync(JobName, s => s.GetRequiredService<PortalDbContext>().Database.SqlQuery<Guid>($"""
                SELECT "Id" AS "Value" FROM "Clients"
                WHERE "NextBillingDate" <= {runDate} AND "DeletedAt" IS NULL AND "Status" IN ('Active', 'Suspended') AND "Id" > {from}
                ORDER BY "Id" LIMIT {size}
                """).ToArrayAsync(ct));
            if (page.Length == 0)
            {
                yield break;
            }

            yield return page;
            after = page[^1];
        }
    }

    private Task<string> FinishAsync(Guid runId, BillingRunStatus status, string? error, CancellationToken ct) =>
        scope.RunForPlatformAsync(JobName, async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            var now = clock.GetUtcNow();
            var text = error is null ? null : error.Length <= BillingRun.ErrorMaxLength ? error : error[..BillingRun.ErrorMaxLength];
            var state = status.ToString();
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "BillingRuns" SET "Status" = {state}, "FinishedAt" = {now}, "Error" = {text} WHERE "Id" = {runId}
                """, ct);
            var run = await db.BillingRuns.AsNoTracking().SingleAsync(r => r.Id == runId, ct);
            return $"{run.ClientsBilled} clients billed, {run.Charges} charges, {run.SkippedAsCharged} already charged, {run.Failures} failed";
        });
}
