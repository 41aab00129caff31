using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Tests.Shared;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Jobs;

namespace ResellerPortal.IntegrationTests.Jobs;

/// <summary>
/// Hangfire's dashboard at /admin/jobs over real HTTP, behind the portal's login: the provider's staff
/// see it, PlatformAdmin operates it, Support only reads, everyone else is refused.
/// </summary>
public sealed class JobsDashboardTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private const string Recurring = "/admin/jobs/recurring";

    protected override IReadOnlyDictionary<string, string?> Settings => PortalFactory.JobServer();

    [Fact]
    public async Task Anonymous_users_are_sent_to_the_login()
    {
        using var anonymous = NewBrowser();

        var response = await anonymous.GetAsync(Recurring);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DemoSeeder.Reseller1Email)]
    [InlineData(DemoSeeder.Staff1Email)]
    public async Task Reseller_staff_are_refused(string email)
    {
        using var staff = await SignedInAsync(email);

        foreach (var url in new[] { "/admin/jobs", Recurring })
        {
            var response = await staff.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/account/access-denied")).StatusCode);
        var (_, page) = await staff.GetPageAsync("/dashboard");
        Assert.Null(page.QuerySelector("a[href='/admin/jobs']"));
    }

    [Fact]
    public async Task Support_sees_the_recurring_jobs_but_cannot_trigger_one()
    {
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);
        var (response, page) = await support.GetPageAsync(Recurring);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(JobRegistration.RecurringJobIds, id => Assert.Contains(id, page.Body!.TextContent, StringComparison.Ordinal));
        var (_, home) = await support.GetPageAsync("/admin/resellers");
        Assert.NotNull(home.QuerySelector("nav a[href='/admin/jobs']"));
        Assert.Empty(page.QuerySelectorAll("button.js-jobs-list-command"));

        var trigger = await PostCommandAsync(support, page, "/admin/jobs/recurring/trigger", CertificateExpiryJob.Id);

        Assert.Equal(HttpStatusCode.Unauthorized, trigger.StatusCode);
        Assert.Equal(0, await JobsOfAsync(CertificateExpiryJob.Id));
    }

    [Fact]
    public async Task PlatformAdmin_sees_every_recurring_job_and_a_trigger_runs_it()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var (_, home) = await admin.GetPageAsync("/admin/resellers");
        Assert.NotNull(home.QuerySelector("nav a[href='/admin/jobs']"));
        var (response, page) = await admin.GetPageAsync(Recurring);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = page.QuerySelectorAll("input.js-jobs-list-checkbox").Select(i => i.GetAttribute("value")).ToHashSet();
        Assert.Superset(JobRegistration.RecurringJobIds.ToHashSet(), listed!);
        Assert.NotEmpty(page.QuerySelectorAll("button.js-jobs-list-command"));

        var trigger = await PostCommandAsync(admin, page, "/admin/jobs/recurring/trigger", CertificateExpiryJob.Id);

        Assert.Equal(HttpStatusCode.NoContent, trigger.StatusCode);
        // The demo's EU certificate expires in 12 days: the job's run leaves its warning in the outbox.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await AsPlatformAsync(db => db.OutboxMessages.CountAsync(m => m.Subject.StartsWith("SSL certificate for "))) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The triggered job did not run.");
            await Task.Delay(200);
        }

        Assert.Equal(1, await JobsOfAsync(CertificateExpiryJob.Id));
    }

    [Fact]
    public async Task A_command_without_the_antiforgery_token_is_refused()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        await admin.GetAsync(Recurring);

        var trigger = await admin.PostAsync("/admin/jobs/recurring/trigger", [new("jobs[]", CertificateExpiryJob.Id)], token: null);

        Assert.Equal(HttpStatusCode.Forbidden, trigger.StatusCode);
        Assert.Equal(0, await JobsOfAsync(CertificateExpiryJob.Id));
    }

    [Fact]
    public async Task The_dashboard_runs_no_inline_script_and_only_its_path_allows_inline_styles()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var (response, page) = await admin.GetPageAsync(Recurring);

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self' 'unsafe-inline';", policy, StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), "inline script: " + s.OuterHtml));
        Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal));
        var script = await admin.GetAsync(page.QuerySelector("script[src]")!.GetAttribute("src")!);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);

        var (portalPage, _) = await admin.GetPageAsync("/admin/resellers");
        Assert.Contains("style-src 'self';", portalPage.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    /// <summary>Posts a dashboard command as its script does: the form field <c>jobs[]</c> and the antiforgery token in the page's header.</summary>
    private static async Task<HttpResponseMessage> PostCommandAsync(Browser browser, IHtmlDocument page, string url, string jobId)
    {
        var header = page.QuerySelector("meta[name=csrf-header]")!.GetAttribute("content")!;
        var token = page.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("jobs[]", jobId)]),
        };
        request.Headers.Add(header, token);
        return await browser.Client.SendAsync(request);
    }

    /// <summary>How many jobs the recurring job has created.</summary>
    private async Task<long> JobsOfAsync(string recurringJobId)
    {
        await using var connection = new NpgsqlConnection(Portal.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM hangfire.jobparameter WHERE name = 'RecurringJobId' AND value = @id", connection);
        command.Parameters.AddWithValue("id", "\"" + recurringJobId + "\"");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
