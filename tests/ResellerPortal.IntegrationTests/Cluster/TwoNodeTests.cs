using System.Net;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Tests.Shared;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Jobs;

namespace ResellerPortal.IntegrationTests.Cluster;

/// <summary>Two portal nodes over one database, as in §11: shared sessions, shared tokens, each recurring job once per occurrence.</summary>
public sealed class TwoNodeTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private PortalFactory _second = null!;

    /// <summary>Both nodes run jobs, and every recurring job is due every 5 seconds.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(PortalFactory.JobServer())
    {
        ["Jobs:InstanceProvisioningSeconds"] = "5",
        ["Jobs:InstanceLifecycleCron"] = "*/5 * * * * *",
        ["Jobs:CertificateExpiryCron"] = "*/5 * * * * *",
        ["Jobs:LicenceExpiryCron"] = "*/5 * * * * *",
        ["Jobs:OutboxDispatchSeconds"] = "5",
        ["NetworkStatus:PollSeconds"] = "5",
        ["Licensing:PollSeconds"] = "5",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _second = new PortalFactory(Portal.ConnectionString, Settings);
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

    /// <summary>
    /// Both nodes run a job server, and every recurring job is due every 5 seconds: over 20 seconds each
    /// one is created about 4 times in all, never twice for one occurrence (two jobs of one recurring job
    /// closer together than half the interval).
    /// </summary>
    [Fact]
    public async Task Each_recurring_job_fires_once_per_occurrence_across_both_nodes()
    {
        await Task.Delay(TimeSpan.FromSeconds(20));

        var created = await RecurringRunsAsync();
        foreach (var id in JobRegistration.RecurringJobIds)
        {
            var times = created.Where(c => c.Id == id).Select(c => c.CreatedAt).Order().ToList();
            Assert.True(times.Count >= 3, $"{id}: created {times.Count} time(s) in 20 s, expected about 4");
            var closest = times.Zip(times.Skip(1), (a, b) => b - a).Min();
            Assert.True(closest > TimeSpan.FromSeconds(2.5), $"{id}: two runs {closest.TotalSeconds:0.0} s apart; one occurrence fired twice");
        }

        // Both nodes ran a server (and so a recurring-job scheduler) all along.
        Assert.Equal(2, Portal.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers().Count);
    }

    /// <summary>Jobs created by the recurring-job scheduler, with the id of their recurring job.</summary>
    private async Task<List<(string Id, DateTime CreatedAt)>> RecurringRunsAsync()
    {
        await using var connection = new NpgsqlConnection(Portal.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT trim(both '"' from p.value), j.createdat
            FROM hangfire.job j JOIN hangfire.jobparameter p ON p.jobid = j.id AND p.name = 'RecurringJobId'
            """, connection);
        var rows = new List<(string, DateTime)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetDateTime(1)));
        }

        return rows;
    }

}
