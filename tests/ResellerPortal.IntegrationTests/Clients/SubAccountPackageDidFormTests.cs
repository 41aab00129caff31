using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Clients;

/// <summary>
/// The forms of sub-accounts, packages and DIDs (issues 10 and 15): a value a user can type is refused beside
/// its field (never a 500), the package's currency is the client's, the setup fee is charged only when ticked,
/// and a DID's fees show their currency.
/// </summary>
public sealed class SubAccountPackageDidFormTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private const string FreeNumber = "+442079460299";

    private static string Message(string html, string field) =>
        Browser.Parse(html).QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? string.Empty;

    /// <summary>A sub-account of one of Alpha's EUR clients with no DID connected.</summary>
    private Task<Guid> EuroSubAccountAsync() =>
        AsPlatformAsync(db => db.SubAccounts
            .Where(s => s.ClientId != null && !db.Dids.Any(d => d.SubAccountId == s.Id) && db.Clients.Any(c => c.Id == s.ClientId && c.Currency == "EUR"))
            .OrderBy(s => s.Name).Select(s => s.Id).FirstAsync());

    private Task<Guid?> SubAccountOfNumberAsync(string number) =>
        AsPlatformAsync(db => db.Dids.Where(d => d.Number == number).Select(d => d.SubAccountId).SingleAsync());

    [Theory]
    [InlineData("ConnectDid.SetupFee", "0.001", "EUR amounts have at most 2 decimals.")]
    [InlineData("ConnectDid.MonthlyFee", "0.001", "EUR amounts have at most 2 decimals.")]
    [InlineData("ConnectDid.MonthlyFee", "1e30", "is not a valid value")]
    [InlineData("ConnectDid.SetupFee", "-1", "Enter a fee of 0 or more.")]
    [InlineData("ConnectDid.PerMinuteRate", "-0.5", "Enter a rate of 0 or more.")]
    [InlineData("ConnectDid.BillingStart", "0001-01-01", "Enter a date between 2000-01-01 and 2100-12-31.")]
    [InlineData("ConnectDid.BillingStart", "2101-01-01", "Enter a date between 2000-01-01 and 2100-12-31.")]
    public async Task An_edge_value_in_the_DID_connection_is_refused_beside_its_field(string field, string value, string message)
    {
        var sub = await EuroSubAccountAsync();
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var url = $"/subaccounts/{sub}";
        var fields = new Dictionary<string, string>
        {
            ["ConnectDid.Number"] = FreeNumber,
            ["ConnectDid.SetupFee"] = "4",
            ["ConnectDid.MonthlyFee"] = "2",
            ["ConnectDid.PerMinuteRate"] = "0.01",
            ["ConnectDid.BillingStart"] = "2026-12-01",
            ["ConnectDid.ChargeSetupFee"] = "true",
        };
        fields[field] = value;

        var response = await owner.SubmitAsync(url, fields, url + "/dids");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, Message(await response.Content.ReadAsStringAsync(), field), StringComparison.Ordinal);
        Assert.Null(await SubAccountOfNumberAsync(FreeNumber));
    }

    [Fact]
    public async Task Charge_setup_fee_starts_unticked_for_a_DID_and_a_package_and_nothing_is_charged_unless_ticked()
    {
        var sub = await EuroSubAccountAsync();
        var clientId = await AsPlatformAsync(db => db.SubAccounts.Where(s => s.Id == sub).Select(s => s.ClientId!.Value).SingleAsync());
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var url = $"/subaccounts/{sub}";

        var (_, page) = await owner.GetPageAsync(url);
        Assert.False(page.QuerySelector("#ConnectDid_ChargeSetupFee")!.HasAttribute("checked"));
        Assert.False(page.QuerySelector("#ChargeSetupFee")!.HasAttribute("checked"));
        var (_, create) = await owner.GetPageAsync($"/clients/{clientId}/subaccounts/new");
        Assert.False(create.QuerySelector("#ChargeSetupFee")!.HasAttribute("checked"));

        var ledger = await AsPlatformAsync(db => db.LedgerEntries.CountAsync(l => l.ClientId == clientId));
        // An unticked box posts nothing, as a browser does.
        var connected = await owner.SubmitAsync(url,
            [new("ConnectDid.Number", FreeNumber), new("ConnectDid.SetupFee", "4"), new("ConnectDid.MonthlyFee", "2"), new("ConnectDid.BillingStart", "2026-12-01")], url + "/dids");

        Assert.Equal(HttpStatusCode.Redirect, connected.StatusCode);
        Assert.Equal(sub, await SubAccountOfNumberAsync(FreeNumber));
        Assert.Equal(ledger, await AsPlatformAsync(db => db.LedgerEntries.CountAsync(l => l.ClientId == clientId)));
    }

    [Fact]
    public async Task The_package_picker_offers_only_packages_in_the_clients_currency()
    {
        var sub = await EuroSubAccountAsync();
        var clientId = await AsPlatformAsync(db => db.SubAccounts.Where(s => s.Id == sub).Select(s => s.ClientId!.Value).SingleAsync());
        var usd = await AsPlatformAsync(db => db.Packages.Where(p => p.Name == "Per-second USD").Select(p => p.Id).SingleAsync());
        var eur = await AsPlatformAsync(db => db.Packages.Where(p => p.Name == "Standard EU").Select(p => p.Id).SingleAsync());
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        foreach (var url in new[] { $"/subaccounts/{sub}", $"/clients/{clientId}/subaccounts/new" })
        {
            var (_, page) = await owner.GetPageAsync(url);
            var offered = page.QuerySelectorAll("#PackageId option").Select(o => o.GetAttribute("value")).ToList();
            Assert.Contains(eur.ToString(), offered);
            Assert.DoesNotContain(usd.ToString(), offered);
        }
    }

    [Fact]
    public async Task A_package_in_another_currency_posted_anyway_is_refused_and_not_assigned()
    {
        var sub = await EuroSubAccountAsync();
        var clientId = await AsPlatformAsync(db => db.SubAccounts.Where(s => s.Id == sub).Select(s => s.ClientId!.Value).SingleAsync());
        var before = await AsPlatformAsync(db => db.SubAccounts.Where(s => s.Id == sub).Select(s => s.PackageId).SingleAsync());
        var usd = await AsPlatformAsync(db => db.Packages.Where(p => p.Name == "Per-second USD").Select(p => p.Id).SingleAsync());
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var url = $"/subaccounts/{sub}";

        var assigned = await owner.SubmitAsync(url, [new("PackageId", usd.ToString()), new("ChargeSetupFee", "true")], url + "/package");
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var (_, page) = await owner.GetPageAsync(url);
        Assert.Equal("Choose a package in EUR, the client's currency.", page.QuerySelector("[data-error]")?.TextContent);
        Assert.Equal(before, await AsPlatformAsync(db => db.SubAccounts.Where(s => s.Id == sub).Select(s => s.PackageId).SingleAsync()));

        var created = await owner.SubmitAsync($"/clients/{clientId}/subaccounts/new", [new("Name", "dollar-desk"), new("PackageId", usd.ToString())]);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("Choose a package in EUR, the client's currency.", Message(await created.Content.ReadAsStringAsync(), "PackageId"));
        Assert.False(await AsPlatformAsync(db => db.SubAccounts.AnyAsync(s => s.Name == "dollar-desk")));
    }

    [Fact]
    public async Task A_sub_account_with_a_euro_package_is_not_moved_to_a_dollar_client()
    {
        var sub = await AsPlatformAsync(db => db.SubAccounts.Where(s => s.PackageId != null && db.Packages.Any(p => p.Id == s.PackageId && p.Currency == "EUR")).Select(s => s.Id).FirstAsync());
        var dollarClient = await AsPlatformAsync(db => db.Clients.Where(c => c.Currency == "USD" && c.Email.EndsWith("@alpha.example.com")).Select(c => c.Email).FirstAsync());
        var before = await AsPlatformAsync(db => db.SubAccounts.Where(s => s.Id == sub).Select(s => s.ClientId).SingleAsync());
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var url = $"/subaccounts/{sub}";

        var moved = await owner.SubmitAsync(url, [new("ClientEmail", dollarClient)], url + "/move");

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("Its package is in EUR but that client is billed in USD; change the package first.", Message(await moved.Content.ReadAsStringAsync(), "ClientEmail"));
        Assert.Equal(before, await AsPlatformAsync(db => db.SubAccounts.Where(s => s.Id == sub).Select(s => s.ClientId).SingleAsync()));
    }

    [Theory]
    [InlineData("MonthlyFee", "0.001", "EUR amounts have at most 2 decimals.")]
    [InlineData("SetupFee", "0.005", "EUR amounts have at most 2 decimals.")]
    [InlineData("SetupFee", "1e30", "is not a valid value")]
    [InlineData("MonthlyFee", "-1", "Enter a monthly fee of 0 or more.")]
    [InlineData("MarkupFixed", "-0.01", "Enter a fixed markup per minute of 0 or more")]
    [InlineData("FreeMinutes", "99999999999", "is not a valid value")]
    public async Task An_edge_value_in_a_package_is_refused_beside_its_field(string field, string value, string message)
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var fields = new Dictionary<string, string>
        {
            ["Name"] = "Edge",
            ["Currency"] = "EUR",
            ["MarkupFixed"] = "0",
            ["MarkupPercent"] = "0",
            ["PulseFirst"] = "60",
            ["PulseNext"] = "60",
            ["Route"] = "Value",
            ["MonthlyFee"] = "1",
            ["SetupFee"] = "0",
            ["FreeMinutes"] = "0",
            ["ViewSetting"] = "Standard",
        };
        fields[field] = value;

        var response = await owner.SubmitAsync("/packages/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, Message(await response.Content.ReadAsStringAsync(), field), StringComparison.Ordinal);
        Assert.False(await AsPlatformAsync(db => db.Packages.AnyAsync(p => p.Name == "Edge")));
    }

    [Theory]
    [InlineData("SetupFee", "-1", "Enter a fee of 0 or more.")]
    [InlineData("MonthlyFee", "1e30", "is not a valid value")]
    [InlineData("FreeDays", "-3", "Enter 0–366 days.")]
    public async Task An_edge_value_in_the_DID_defaults_is_refused_beside_its_field(string field, string value, string message)
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var before = await AsPlatformAsync(db => db.DidDefaults.Select(d => new { d.SetupFee, d.MonthlyFee, d.FreeDays }).ToListAsync());
        var fields = new Dictionary<string, string> { ["SetupFee"] = "1", ["MonthlyFee"] = "1", ["PerMinuteRate"] = "0", ["FreeDays"] = "7" };
        fields[field] = value;

        var response = await owner.SubmitAsync("/dids/defaults", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, Message(await response.Content.ReadAsStringAsync(), field), StringComparison.Ordinal);
        Assert.Equal(before, await AsPlatformAsync(db => db.DidDefaults.Select(d => new { d.SetupFee, d.MonthlyFee, d.FreeDays }).ToListAsync()));
    }

    [Fact]
    public async Task A_swap_to_a_connected_number_is_refused_beside_the_field()
    {
        var connected = await AsPlatformAsync(db => db.Dids.Where(d => d.SubAccountId != null).OrderBy(d => d.Number).Select(d => new { d.Id, d.Number }).Take(2).ToListAsync());
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var url = $"/dids/{connected[0].Id}";

        var response = await owner.SubmitAsync(url, [new("Replacement", connected[1].Number)], url + "/swap");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{connected[1].Number} is already connected.", Message(await response.Content.ReadAsStringAsync(), "Replacement"));
    }

    [Fact]
    public async Task A_DIDs_fees_show_the_clients_currency_on_the_list_and_the_page()
    {
        var did = await AsPlatformAsync(db => db.Dids.Where(d => d.SubAccountId != null).OrderBy(d => d.Number).Select(d => new { d.Id, d.Number }).FirstAsync());
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var (_, list) = await owner.GetPageAsync("/dids?prefix=" + Uri.EscapeDataString(did.Number));
        Assert.Equal("1.50 EUR", list.QuerySelector($"tr[data-did='{did.Number}'] [data-monthly-fee]")!.TextContent.Trim());
        var (_, page) = await owner.GetPageAsync($"/dids/{did.Id}");
        Assert.Equal("1.50 EUR", page.QuerySelector("[data-monthly-fee]")!.TextContent.Trim());
        Assert.Equal("5.00 EUR", page.QuerySelector("[data-setup-fee]")!.TextContent.Trim());
    }
}
