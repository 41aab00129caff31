using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Quartz;
using Quartz.Extensibility;
using ResellerPortal.Web.Auth;

namespace ResellerPortal.Web.Features.Jobs;

/// <summary>Every job and trigger with last and next fire time and last outcome; "run now" for PlatformAdmin.</summary>
[Authorize(Policy = Policies.PlatformAdmin)]
[Route("admin/jobs")]
public sealed class JobsController(ISchedulerFactory schedulers, IExecutionHistoryStore history) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var jobs = await scheduler.QueryJobs(new JobQuery(), ct);
        var rows = new List<JobRow>();
        foreach (var job in jobs.Items)
        {
            var triggers = await scheduler.QueryTriggers(new TriggerQuery { Job = job.Key }, ct);
            var status = await history.GetJobRunStatus(scheduler.SchedulerName, job.Key, ct);
            rows.Add(new JobRow(
                job.Key.Group,
                job.Key.Name,
                job.Description ?? string.Empty,
                triggers.Items.Select(t => new TriggerRow(t.Key.Name, t.TriggerType, t.PreviousFireTimeUtc, t.NextFireTimeUtc)).ToList(),
                status?.LastFiredAtUtc,
                status?.LastResult.ToString(),
                status?.LastFailureMessage,
                status?.RunCount ?? 0));
        }

        return View(new JobsModel(scheduler.SchedulerName, scheduler.SchedulerInstanceId, rows));
    }

    [HttpPost("{group}/{name}/run")]
    public async Task<IActionResult> RunNow(string group, string name, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var key = new JobKey(name, group);
        if (!await scheduler.Exists(key, ct))
        {
            return NotFound();
        }

        await scheduler.TriggerJob(key, new JobDataMap(), ct);
        TempData["Flash"] = $"Job {name} triggered; it runs once on one node of the cluster. Reload to see its outcome.";
        return RedirectToAction(nameof(Index));
    }
}

public sealed record TriggerRow(string Name, string Schedule, DateTimeOffset? PreviousFire, DateTimeOffset? NextFire);

public sealed record JobRow(
    string Group,
    string Name,
    string Description,
    IReadOnlyList<TriggerRow> Triggers,
    DateTimeOffset? LastFired,
    string? LastResult,
    string? LastFailure,
    long RunCount);

public sealed record JobsModel(string SchedulerName, string InstanceId, IReadOnlyList<JobRow> Jobs);
