using FluentValidation;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Billing;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Jobs;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Billing;

public sealed class RunBillingForm
{
    public DateOnly? RunDate { get; set; }
}

public sealed class RunBillingFormValidator : AbstractValidator<RunBillingForm>
{
    public RunBillingFormValidator()
    {
        RuleFor(x => x.RunDate).Cascade(CascadeMode.Stop).NotNull().WithMessage("Enter the date to bill for.").WithinPortalDates();
    }
}

/// <summary>A run as the list shows it, with its totals per currency and its failures.</summary>
public sealed record BillingRunRow(BillingRun Run, IReadOnlyList<BillingRunTotal> Totals, IReadOnlyList<BillingRunFailure> Failures);

public sealed record BillingRunsPage(RunBillingForm Form, IReadOnlyList<BillingRunRow> Runs)
{
    public bool AnyRunning => Runs.Any(r => r.Run.Status == BillingRunStatus.Running);
}

/// <summary>
/// <c>/admin/billing</c>: the last runs of recurring billing, and "run now for a date" (§6). The run is a
/// row at once (shown as waiting, then running with its counters growing as batches commit, then finished)
/// and a job on the critical queue; a second click for the same date is harmless (see <see cref="BillingBatch"/>).
/// </summary>
public sealed class BillingRuns(PortalDbContext db, IValidator<RunBillingForm> validator, RecurringBilling billing, IBackgroundJobClient jobs, AuditActorAccessor actors, TimeProvider clock)
{
    public const int Shown = 30;

    public async Task<BillingRunsPage> ListAsync(RunBillingForm? form, CancellationToken ct)
    {
        var runs = await db.BillingRuns.AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(Shown).ToListAsync(ct);
        var ids = runs.Select(r => r.Id).ToArray();
        var totals = await db.BillingRunTotals.AsNoTracking().Where(t => ids.Contains(t.RunId)).ToListAsync(ct);
        var failures = await db.BillingRunFailures.AsNoTracking().Where(f => ids.Contains(f.RunId)).OrderBy(f => f.At).ToListAsync(ct);
        form ??= new RunBillingForm { RunDate = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) };
        return new BillingRunsPage(form, [.. runs.Select(r => new BillingRunRow(
            r,
            [.. totals.Where(t => t.RunId == r.Id).OrderBy(t => t.Currency, StringComparer.Ordinal)],
            [.. failures.Where(f => f.RunId == r.Id).Take(100)]))]);
    }

    public async Task<Result<Guid>> HandleAsync(RunBillingForm form, CancellationToken ct)
    {
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var runId = await billing.StartAsync(form.RunDate!.Value, actors.DisplayName(), resume: false, ct);
        jobs.Create<RecurringBillingJob>(j => j.RunAsync(runId, CancellationToken.None), new Hangfire.States.EnqueuedState(JobRegistration.CriticalQueue));
        return runId;
    }
}
