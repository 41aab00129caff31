using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Quartz.Extensibility;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Tests.Shared;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Jobs;

namespace ResellerPortal.IntegrationTests.Cluster;

/// <summary>Two portal nodes over one database, as in §11: shared sessions, shared tokens, jobs once.</summary>
public sealed class TwoNodeTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private PortalFactory _second = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _second = new PortalFactory(Portal.ConnectionString);
        _ = _second.Services; // start the second node now, not at its first request
    }

    public override async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_login_on_one_node_is_valid_on_the_other()
    {
        using var onFirst = await SignedInAsync(DemoSeeder.AdminEmail);
        using var onSecond = new Browser(_second, onFirst.Cookies);

        var response = await onSecond.GetAsync("/admin/resellers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_form_from_one_node_is_accepted_by_the_other()
    {
        using var onFirst = await SignedInAsync(DemoSeeder.AdminEmail);
        using var onSecond = new Browser(_second, onFirst.Cookies);
        var (_, form) = await onFirst.GetPageAsync("/admin/resellers/new");
        var token = form.QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value");

        var response = await onSecond.PostAsync("/admin/resellers/new", [new("Name", "Gamma Calls"), new("Slug", "gamma")], token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = _second.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UsePlatform();
        Assert.True(await db.Resellers.AnyAsync(r => r.Slug == "gamma"));
    }

    [Fact]
    public async Task A_job_triggered_while_both_nodes_run_executes_once()
    {
        var before = await SettledRunCountAsync();
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var (_, jobs) = await admin.GetPageAsync("/admin/jobs");
        var form = jobs.QuerySelector($"tr[data-job='{OutboxDispatchJob.Key.Name}'] form")!;

        var run = await admin.PostAsync(form.GetAttribute("action")!, [], form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);

        var after = await SettledRunCountAsync(atLeast: before + 1);
        Assert.Equal(before + 1, after);
    }

    /// <summary>
    /// The cluster-wide run count of the outbox job once it has stopped changing: both nodes have
    /// checked in several times over the settle window, so a second execution would have shown.
    /// </summary>
    private async Task<long> SettledRunCountAsync(long atLeast = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        long last = -1;
        var stableSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            var count = await RunCountAsync();
            if (count != last)
            {
                last = count;
                stableSince = DateTime.UtcNow;
            }
            else if (count >= atLeast && DateTime.UtcNow - stableSince > TimeSpan.FromSeconds(12))
            {
                return count;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The run count did not settle at {atLeast} or more (last {last}).");
    }

    private async Task<long> RunCountAsync()
    {
        var scheduler = await Portal.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var status = await Portal.Services.GetRequiredService<IExecutionHistoryStore>().GetJobRunStatus(scheduler.SchedulerName, OutboxDispatchJob.Key);
        return status?.RunCount ?? 0;
    }
}
