using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Keys;

/// <summary>
/// Issue 15, bug 4: QueueMetrics licences replace each other, so the last installed is the one in force. A smaller
/// or shorter key is a downgrade: the pages warn and ask for confirmation, and once it is installed exactly one
/// licence is in force, on the card, the licence page and the dashboard alike.
/// </summary>
public sealed class LicenceDowngradeTests(PostgresFixture postgres) : LicenceTest(postgres)
{
    [Fact]
    public async Task A_smaller_shorter_key_is_refused_until_confirmed_then_replaces_the_licence_in_force_everywhere()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var instanceId = await NewInstanceAsync("lic-downgrade");
        var large = await InstallAsync(owner, instanceId, "XQI-ALPHA-LARGE0000001:QM-100/1/365");
        const string SmallPpk = "XQI-ALPHA-SHORT0000001:QM-20/1/30";
        var small = await StockAsync(SmallPpk, owner);

        // The instance's page says which licence is in force and marks the key that would downgrade it.
        var (_, before) = await owner.GetPageAsync($"/instances/{instanceId}/licence");
        Assert.Contains("100 agents to", before.QuerySelector("[data-licence-in-force-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", before.QuerySelector($"#PpkId option[value='{small}']")!.GetAttribute("data-downgrade"));

        // Without the explicit confirmation: the form comes back with the warning beside the box, from either page.
        var unconfirmed = await RequestActivationAsync(owner, instanceId, small);
        var fromKeyPage = await owner.SubmitAsync($"/keys/{small}", [new("InstanceId", instanceId.ToString()), new("Confirm", "true")], $"/keys/{small}/activate");
        foreach (var response in new[] { unconfirmed, fromKeyPage })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = Browser.Parse(await response.Content.ReadAsStringAsync());
            var warning = page.QuerySelector("[data-valmsg-for='ConfirmDowngrade']")!.TextContent;
            Assert.StartsWith("Downgrade: the licence in force is for 100 agents", warning, StringComparison.Ordinal);
            Assert.Contains("this key gives 20 agents", warning, StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector("input[type=checkbox][name=ConfirmDowngrade]"));
        }

        Assert.Null(await ActivationAsync(small));

        var confirmed = await owner.SubmitAsync($"/instances/{instanceId}/licence",
            [new("PpkId", small.ToString()), new("Confirm", "true"), new("ConfirmDowngrade", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await RunActivationJobAsync();
        await RunInstallationJobAsync();

        // Exactly one licence in force: the one installed last; the earlier one is marked replaced.
        var statuses = await AsPlatformAsync(db => db.LicenceActivations.Where(a => a.InstanceId == instanceId).ToDictionaryAsync(a => a.PpkId, a => a.Status));
        Assert.Equal(new Dictionary<Guid, ActivationStatus> { [large] = ActivationStatus.Replaced, [small] = ActivationStatus.Installed }, statuses);
        var smallEnd = Simulators.KeyServer.Find(SmallPpk)!.ExpiresOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var (_, cards) = await owner.GetPageAsync("/instances?q=lic-downgrade");
        var licence = cards.QuerySelector("[data-instance='lic-downgrade'] [data-licence]")!;
        Assert.Equal("installed", licence.GetAttribute("data-licence"));
        Assert.Contains($"20 agents to {smallEnd}", licence.TextContent, StringComparison.Ordinal);

        var (_, after) = await owner.GetPageAsync($"/instances/{instanceId}/licence");
        Assert.Contains($"20 agents to {smallEnd}", after.QuerySelector("[data-licence-in-force-summary]")!.TextContent, StringComparison.Ordinal);
        var inForce = Assert.Single(after.QuerySelectorAll("[data-activation] [data-licence-in-force]"));
        Assert.Equal("installed", inForce.Closest("[data-activation]")!.GetAttribute("data-ppk-status"));
        var replaced = Assert.Single(after.QuerySelectorAll("[data-activation][data-ppk-status='replaced']"));
        Assert.NotNull(replaced.QuerySelector("[data-licence-replaced]"));
        var (_, largePage) = await owner.GetPageAsync($"/keys/{large}");
        Assert.Equal("replaced", largePage.QuerySelector("#key-status")!.GetAttribute("data-ppk-status"));
    }

    [Fact]
    public async Task A_downgrade_to_a_licence_ending_within_14_days_is_counted_as_expiring_on_the_dashboard_and_the_card()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var (_, dashboardBefore) = await owner.GetPageAsync("/dashboard");
        var expiringBefore = int.Parse(dashboardBefore.QuerySelector("[data-total='licence-expiring'] .display-6")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
        var instanceId = await NewInstanceAsync("lic-tendays");
        await InstallAsync(owner, instanceId, "XQI-ALPHA-YEAR00000001:QM-100/1/365");
        await InstallAsync(owner, instanceId, "XQI-ALPHA-TENDAYS00001:QM-20/1/10", confirmDowngrade: true);

        var (_, dashboard) = await owner.GetPageAsync("/dashboard");
        Assert.Equal((expiringBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), dashboard.QuerySelector("[data-total='licence-expiring'] .display-6")!.TextContent);
        var (_, flagged) = await owner.GetPageAsync("/instances?flag=licence-expiring");
        var card = flagged.QuerySelector("[data-instance='lic-tendays'] [data-licence]")!;
        Assert.Equal("true", card.GetAttribute("data-licence-expiring"));
        Assert.Contains("20 agents to", card.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_larger_longer_key_is_no_downgrade_and_needs_no_second_confirmation()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var instanceId = await NewInstanceAsync("lic-upgrade");
        await InstallAsync(owner, instanceId, "XQI-ALPHA-SMALLER00001:QM-20/1/30");
        var larger = await StockAsync("XQI-ALPHA-LARGER000001:QM-50/1/365", owner);

        var response = await RequestActivationAsync(owner, instanceId, larger);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(await ActivationAsync(larger));
    }

    /// <summary>Stocks the key, asks for its activation on the instance and runs the real jobs until it is installed.</summary>
    private async Task<Guid> InstallAsync(Browser owner, Guid instanceId, string ppk, bool confirmDowngrade = false)
    {
        var ppkId = await StockAsync(ppk, owner);
        var fields = new List<KeyValuePair<string, string>> { new("PpkId", ppkId.ToString()), new("Confirm", "true") };
        if (confirmDowngrade)
        {
            fields.Add(new("ConfirmDowngrade", "true"));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync($"/instances/{instanceId}/licence", fields)).StatusCode);
        await RunActivationJobAsync();
        await RunInstallationJobAsync();
        Assert.Equal(ActivationStatus.Installed, (await ActivationAsync(ppkId))!.Status);
        return ppkId;
    }
}
