using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Jobs;

namespace ResellerPortal.IntegrationTests.Keys;

/// <summary>A licence within 14 days of its end: flagged on the card and the dashboard, reminded once (issue 4).</summary>
public sealed class LicenceExpiryTests(PostgresFixture postgres) : LicenceTest(postgres)
{
    [Fact]
    public async Task An_expiring_licence_is_counted_on_the_dashboard_flagged_on_its_card_and_reminded_once()
    {
        // The demo data installs a licence that ends in 9 days.
        var expiring = await AsPlatformAsync(db => db.LicenceActivations.SingleAsync(a => a.Status == ActivationStatus.Installed && a.ExpiresOn < DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14)));
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var (_, dashboard) = await owner.GetPageAsync("/dashboard");
        var total = dashboard.QuerySelector("[data-total='licence-expiring']")!;
        Assert.Equal("/instances?flag=licence-expiring", total.GetAttribute("href"));
        Assert.Equal("1", total.QuerySelector(".display-6")!.TextContent);
        var (_, cards) = await owner.GetPageAsync("/instances?flag=licence-expiring");
        Assert.Equal([expiring.InstanceName], cards.QuerySelectorAll("[data-instance]").Select(c => c.GetAttribute("data-instance")));
        Assert.NotNull(cards.QuerySelector($"[data-instance='{expiring.InstanceName}'] [data-flag='licence-expiring']"));
        Assert.StartsWith("Showing only instances whose licence runs out within 14 days", cards.QuerySelector("#flag-notice")!.TextContent.Trim(), StringComparison.Ordinal);

        await Task.WhenAll(RunRemindersAsync(), RunRemindersAsync());
        await RunRemindersAsync();

        var mails = await AsPlatformAsync(db => db.OutboxMessages.Where(m => m.Subject.StartsWith("Licence of ")).ToListAsync());
        var mail = Assert.Single(mails);
        Assert.Equal((DemoSeeder.Reseller1Email, $"Licence of {expiring.InstanceName} expires in 9 days"), (mail.To, mail.Subject));
    }

    [Fact]
    public async Task A_newer_longer_licence_on_the_instance_clears_the_flag()
    {
        var expiring = await AsPlatformAsync(db => db.LicenceActivations.SingleAsync(a => a.Status == ActivationStatus.Installed && a.ExpiresOn < DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14)));
        const string Ppk = "XQI-ALPHA-RENEW0000001:QM-100/1/365";
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var ppkId = await StockAsync(Ppk, owner);

        await RequestActivationAsync(owner, expiring.InstanceId!.Value, ppkId);
        await RunActivationJobAsync();
        await RunInstallationJobAsync();

        var (_, cards) = await owner.GetPageAsync("/instances?flag=licence-expiring");
        Assert.Empty(cards.QuerySelectorAll("[data-instance]"));
        var (_, dashboard) = await owner.GetPageAsync("/dashboard");
        Assert.Equal("0", dashboard.QuerySelector("[data-total='licence-expiring'] .display-6")!.TextContent);
    }

    /// <summary>One run of the real job class, as a worker runs it.</summary>
    private Task<string> RunRemindersAsync() =>
        ActivatorUtilities.CreateInstance<LicenceExpiryJob>(Portal.Services).RunAsync(CancellationToken.None);
}

/// <summary>The whole flow through the real job server: a request enqueues the jobs and the page sees "installed".</summary>
public sealed class LicenceJobsEndToEndTests(PostgresFixture postgres) : LicenceTest(postgres)
{
    protected override bool TriggerJobs => true;

    [Fact]
    public async Task A_request_enqueues_the_activation_and_installation_jobs_which_install_the_licence()
    {
        const string Ppk = "XQI-ALPHA-HANGFIRE0001:QM-20/1/90";
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var ppkId = await StockAsync(Ppk, owner);
        var instanceId = await NewInstanceAsync("lic-enqueued");

        await RequestActivationAsync(owner, instanceId, ppkId);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? status = null;
        while (status != "installed" && !deadline.IsCancellationRequested)
        {
            await Task.Delay(200, CancellationToken.None);
            var (_, fragment) = await owner.GetPageAsync($"/keys/{ppkId}/status");
            status = fragment.QuerySelector("#key-status")?.GetAttribute("data-ppk-status");
        }

        Assert.Equal("installed", status);
        Assert.Equal(Simulators.KeyServer.Find(Ppk)!.LicenceKey, Simulators.Instances.Find("lic-enqueued")!.LicenceKey);
    }
}
