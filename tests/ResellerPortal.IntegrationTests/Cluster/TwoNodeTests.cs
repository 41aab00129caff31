using System.Net;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Instances;
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
        ["Jobs:RecurringBillingCron"] = "*/5 * * * * *",
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
    /// Both nodes run a job server, and every recurring job is due every 5 seconds. Once the certificate and
    /// lifecycle jobs have each succeeded three times (on either node), their effects are counted in the
    /// database: one warning and one mail for a certificate due its 14-day warning, one move of an expired
    /// instance to REMOVED. And no recurring job was created more often than its occurrences allow.
    /// </summary>
    [Fact]
    public async Task Each_recurring_job_fires_once_per_occurrence_across_both_nodes()
    {
        var today = DateOnly.FromDateTime(Portal.Clock.GetUtcNow().UtcDateTime);
        var warned = await AsPlatformAsync(db => new OperatorBuilder("Clustered").Of("beta").On("clustered.builder.example.com").CertificateExpiring(today.AddDays(14)).SaveAsync(db));
        var expired = await AsPlatformAsync(db => new InstanceBuilder("two-node-expired").Of("alpha", "EU")
            .In(ClientState.Sold, ClientMode.Expired).At(Portal.Clock.GetUtcNow().AddDays(-8)).SaveAsync(db));

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await SucceededAsync(CertificateExpiryJob.Id) < 3 || await SucceededAsync(InstanceLifecycleJob.Id) < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "The recurring jobs did not run three times each within 90 s.");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Assert.Equal([14], await AsPlatformAsync(db => db.CertificateWarnings.Where(w => w.OperatorId == warned.Id).Select(w => w.Threshold).ToListAsync()));
        var mail = Assert.Single(await AsPlatformAsync(db => db.OutboxMessages.Where(m => m.Subject.StartsWith("SSL certificate for clustered.builder.example.com ")).ToListAsync()));
        Assert.Equal(DemoSeeder.Reseller2Email, mail.To);
        Assert.Equal(ClientMode.Removed, await AsPlatformAsync(db => db.Instances.Where(i => i.Id == expired.Id).Select(i => i.Mode).SingleAsync()));
        Assert.Equal(1, await AsPlatformAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == expired.Id && e.Action == AuditAction.Modified)));

        // A recurring job created N times between its first and last creation, S seconds apart, fired at
        // most S / 5 + 1 occurrences: one occurrence created on both nodes would make one job too many.
        var created = await RecurringRunsAsync();
        foreach (var id in JobRegistration.RecurringJobIds)
        {
            var times = created.Where(c => c.Id == id).Select(c => c.CreatedAt).Order().ToList();
            Assert.True(times.Count >= 2, $"{id}: created {times.Count} time(s)");
            var occurrences = Math.Round((times[^1] - times[0]).TotalSeconds / 5) + 1;
            Assert.True(times.Count <= occurrences, $"{id}: {times.Count} jobs for {occurrences} occurrences; one occurrence fired twice");
        }

        // Both nodes ran a server (and so a recurring-job scheduler) all along.
        Assert.Equal(2, Portal.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers().Count);
    }

    /// <summary>How many jobs of a recurring job have succeeded, on either node.</summary>
    private async Task<long> SucceededAsync(string recurringJobId)
    {
        await using var connection = new NpgsqlConnection(Portal.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FROM hangfire.job j JOIN hangfire.jobparameter p ON p.jobid = j.id AND p.name = 'RecurringJobId'
            WHERE trim(both '"' from p.value) = @id AND j.statename = 'Succeeded'
            """, connection);
        command.Parameters.AddWithValue("id", recurringJobId);
        return (long)(await command.ExecuteScalarAsync())!;
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
