using System.Net;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Clients;

/// <summary>
/// The provider's staff (§1) read every reseller's clients, packages, sub-accounts and DIDs; Support
/// changes none of them, and PlatformAdmin leaves changes to the reseller's staff too.
/// </summary>
public sealed class ProviderStaffTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private const string AccessDenied = "/account/access-denied";

    [Fact]
    public async Task Support_lists_and_exports_the_clients_of_every_reseller_with_the_reseller_named()
    {
        var beta = await ResellerIdAsync("beta");
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);

        var (_, alphaPage) = await support.GetPageAsync("/clients?q=client0002@alpha");
        var alphaRow = Assert.Single(alphaPage.QuerySelectorAll("[data-client]"));
        Assert.Equal("Alpha Telecom", alphaRow.QuerySelector("[data-reseller]")!.TextContent);
        var (_, betaPage) = await support.GetPageAsync($"/clients?reseller={beta}");
        var betaRows = betaPage.QuerySelectorAll("[data-client]");
        Assert.Equal(DemoSeeder.DemoClientsBeta, betaRows.Length);
        Assert.All(betaRows, r => Assert.Equal("Beta Voice", r.QuerySelector("[data-reseller]")!.TextContent));

        var csv = (await (await support.GetAsync("/clients/export.csv")).Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",Reseller", csv[0], StringComparison.Ordinal);
        Assert.Equal(DemoSeeder.DemoClientsAlpha + DemoSeeder.DemoClientsBeta, csv.Length - 1);
        Assert.Contains(csv, l => l.Contains("@alpha.example.com", StringComparison.Ordinal) && l.EndsWith(",Alpha Telecom", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.Contains("@beta.example.com", StringComparison.Ordinal) && l.EndsWith(",Beta Voice", StringComparison.Ordinal));

        var xml = XDocument.Parse(await (await support.GetAsync($"/clients/export.xml?reseller={beta}")).Content.ReadAsStringAsync());
        Assert.Equal(DemoSeeder.DemoClientsBeta, xml.Root!.Elements("client").Count());
        Assert.All(xml.Root.Elements("client"), e => Assert.Equal("Beta Voice", (string?)e.Attribute("reseller")));

        var betaClient = betaRows[0].GetAttribute("data-client");
        var (detail, detailPage) = await support.GetPageAsync($"/clients/{betaClient}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Equal("Beta Voice", detailPage.QuerySelector("[data-reseller]")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync($"/clients/{alphaRow.GetAttribute("data-client")}")).StatusCode);
    }

    [Fact]
    public async Task Support_opens_the_packages_DIDs_and_sub_accounts_of_every_reseller()
    {
        var beta = await ResellerIdAsync("beta");
        var records = await ConnectedRecordsAsync();
        var betaPackage = await AsPlatformAsync(db => db.Packages.Where(p => p.Name == "Beta Basic").Select(p => p.Id).SingleAsync());
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);

        var (_, packages) = await support.GetPageAsync("/packages");
        Assert.Equal("Beta Voice", packages.QuerySelector("[data-package='Beta Basic'] [data-reseller]")!.TextContent);
        Assert.Equal("Alpha Telecom", packages.QuerySelector($"[data-package='{DemoSeeder.SeedExamplePackage}'] [data-reseller]")!.TextContent);
        var (_, betaDids) = await support.GetPageAsync($"/dids?reseller={beta}");
        Assert.Equal(50, betaDids.QuerySelectorAll("[data-did]").Length);
        Assert.All(betaDids.QuerySelectorAll("[data-did]"), r => Assert.Equal("Beta Voice", r.QuerySelector("[data-reseller]")!.TextContent));

        foreach (var url in new[] { $"/packages/{betaPackage}", $"/packages/{records.Package}", $"/dids/{records.Did}", $"/subaccounts/{records.SubAccount}" })
        {
            Assert.Equal(HttpStatusCode.OK, (await support.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task Support_pages_show_no_edit_controls()
    {
        var records = await ConnectedRecordsAsync();
        string[] pages = ["/clients", $"/clients/{records.Client}", "/packages", $"/packages/{records.Package}", "/dids", $"/dids/{records.Did}", $"/subaccounts/{records.SubAccount}"];
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);

        // The same pages carry the controls for the reseller's own staff, so the selectors find them.
        foreach (var url in pages)
        {
            Assert.NotEmpty(EditControls((await owner.GetPageAsync(url)).Page));
        }

        foreach (var url in pages)
        {
            var (response, page) = await support.GetPageAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(EditControls(page).Count == 0, $"{url} shows {string.Join(", ", EditControls(page))} to Support");
        }
    }

    [Fact]
    public async Task Every_change_Support_posts_is_refused_and_changes_nothing()
    {
        var records = await ConnectedRecordsAsync();
        var before = await FootprintAsync(records.Client);
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);
        var token = (await support.GetPageAsync("/clients")).Page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var (c, p, d, s) = records;
        var posts = new Dictionary<string, KeyValuePair<string, string>[]>
        {
            ["/clients/new"] = [new("FirstName", "Sneaky"), new("Email", "sneaky@support.example"), new("Currency", "EUR"), new("Country", "GB"), new("NextBillingDate", "2026-12-01"), new("BalanceManagement", "Soft")],
            [$"/clients/{c}/edit"] = [new("FirstName", "Renamed")],
            [$"/clients/{c}/activate"] = [],
            [$"/clients/{c}/suspend"] = [],
            [$"/clients/{c}/block"] = [],
            [$"/clients/{c}/delete"] = [],
            [$"/clients/{c}/transactions"] = [new("Transaction.Kind", "Payment"), new("Transaction.Amount", "10"), new("Transaction.Description", "Gift"), new("Transaction.SubmissionId", Guid.NewGuid().ToString())],
            [$"/clients/{c}/subaccounts/new"] = [new("Name", "sneaky.sub")],
            [$"/clients/{c}/subaccounts/connect"] = [new("SubAccountId", s.ToString())],
            ["/packages/new"] = [new("Name", "Sneaky"), new("Currency", "EUR")],
            [$"/packages/{p}/edit"] = [new("Name", "Renamed")],
            [$"/packages/{p}/copy"] = [],
            [$"/packages/{p}/delete"] = [],
            ["/dids/new"] = [new("First", "+15550900000")],
            [$"/dids/{d}/unconnect"] = [],
            [$"/dids/{d}/swap"] = [new("replacement", "+442079460299")],
            ["/dids/defaults"] = [new("SetupFee", "1"), new("MonthlyFee", "1"), new("PerMinuteRate", "1"), new("FreeDays", "1")],
            [$"/subaccounts/{s}/package"] = [],
            [$"/subaccounts/{s}/move"] = [new("clientEmail", "client0002@alpha.example.com")],
            [$"/subaccounts/{s}/unconnect"] = [],
            [$"/subaccounts/{s}/dids"] = [new("ConnectDid.Number", "+442079460299")],
            [$"/notes/Client/{c}"] = [new("Text", "Support was here.")],
        };

        var refusals = new List<(string Url, HttpStatusCode Status, string Location)>();
        foreach (var (url, fields) in posts)
        {
            var response = await support.PostAsync(url, fields, token);
            refusals.Add((url, response.StatusCode, response.Headers.Location?.AbsolutePath ?? ""));
        }

        Assert.All(refusals, r => Assert.Equal((r.Url, HttpStatusCode.Redirect, AccessDenied), r));
        Assert.Equal(HttpStatusCode.Forbidden, (await support.GetAsync(AccessDenied)).StatusCode);
        Assert.Equal(before, await FootprintAsync(c));
    }

    [Fact]
    public async Task Support_cannot_open_the_create_and_edit_forms()
    {
        var (c, p, _, _) = await ConnectedRecordsAsync();
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);

        foreach (var url in new[] { "/clients/new", $"/clients/{c}/edit", $"/clients/{c}/subaccounts/new", "/packages/new", $"/packages/{p}/edit", "/dids/new", "/dids/defaults" })
        {
            var response = await support.GetAsync(url);
            Assert.Equal((url, HttpStatusCode.Redirect, AccessDenied), (url, response.StatusCode, response.Headers.Location?.AbsolutePath ?? ""));
        }
    }

    [Fact]
    public async Task PlatformAdmin_reads_every_resellers_clients_but_leaves_changes_to_the_resellers_staff()
    {
        var records = await ConnectedRecordsAsync();
        var before = await FootprintAsync(records.Client);
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);

        var (_, list) = await admin.GetPageAsync("/clients?q=client0002@");
        Assert.Equal(["Alpha Telecom", "Beta Voice"], list.QuerySelectorAll("[data-client] [data-reseller]").Select(e => e.TextContent).Order().ToArray());
        var (detail, page) = await admin.GetPageAsync($"/clients/{records.Client}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Empty(EditControls(page));
        Assert.Contains("Clients", (await admin.GetPageAsync("/admin/resellers")).Page.QuerySelector("[data-role-nav]")!.TextContent, StringComparison.Ordinal);

        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var block = await admin.PostAsync($"/clients/{records.Client}/block", [], token);
        var note = await admin.PostAsync($"/notes/Client/{records.Client}", [new("Text", "Admin was here.")], token);

        Assert.Equal(AccessDenied, block.Headers.Location?.AbsolutePath ?? "");
        Assert.Equal(AccessDenied, note.Headers.Location?.AbsolutePath ?? "");
        Assert.Equal(before, await FootprintAsync(records.Client));
    }

    [Fact]
    public async Task The_reseller_filter_does_not_reach_another_resellers_records_for_a_resellers_staff()
    {
        var alpha = await ResellerIdAsync("alpha");
        var beta = await ResellerIdAsync("beta");
        var us = await OperatorIdAsync("US");
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        using var staff = await SignedInAsync(DemoSeeder.Staff1Email);

        var (_, clients) = await owner.GetPageAsync($"/clients?reseller={beta}");
        Assert.Empty(clients.QuerySelectorAll("[data-client]"));
        Assert.Null(clients.QuerySelector("select[name=reseller]"));
        var csv = await (await owner.GetAsync($"/clients/export.csv?reseller={beta}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Reseller", csv, StringComparison.Ordinal);
        Assert.Single(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty((await owner.GetPageAsync($"/dids?reseller={beta}")).Page.QuerySelectorAll("[data-did]"));
        Assert.Empty((await owner.GetPageAsync($"/packages?reseller={beta}")).Page.QuerySelectorAll("[data-package]"));

        // Naming their own reseller does not widen a ResellerUser's operator scope.
        var euCount = await AsPlatformAsync(db => db.Clients.CountAsync(c => c.ResellerId == alpha && c.OperatorId != us));
        var staffCsv = await (await staff.GetAsync($"/clients/export.csv?reseller={alpha}")).Content.ReadAsStringAsync();
        Assert.Equal(euCount + 1, staffCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Empty((await staff.GetPageAsync($"/clients?reseller={alpha}")).Page.QuerySelectorAll("[data-client] [data-reseller]"));
    }

    /// <summary>Forms that post and links to create or edit pages, outside the navigation bar (whose logout form every role has).</summary>
    private static List<string> EditControls(IHtmlDocument page) =>
        page.QuerySelectorAll("main form[method=post]").Select(f => "form " + f.GetAttribute("action"))
            .Concat(page.QuerySelectorAll("main a[href$='/new'], main a[href$='/edit']").Select(a => "link " + a.GetAttribute("href")))
            .ToList();

    /// <summary>A demo client of Alpha with a sub-account that has a package and a connected DID.</summary>
    private async Task<(Guid Client, Guid Package, Guid Did, Guid SubAccount)> ConnectedRecordsAsync()
    {
        var r = await AsPlatformAsync(db => (
                from s in db.SubAccounts
                join d in db.Dids on s.Id equals (Guid?)d.SubAccountId
                where s.PackageId != null
                orderby s.Name
                select new { Client = s.ClientId!.Value, Package = s.PackageId!.Value, Did = d.Id, SubAccount = s.Id })
            .FirstAsync());
        return (r.Client, r.Package, r.Did, r.SubAccount);
    }

    /// <summary>What any change would leave behind: audit rows, notes, ledger rows, records and the client's status.</summary>
    private Task<string> FootprintAsync(Guid client) =>
        AsPlatformAsync(async db => string.Join(
            " ",
            await db.AuditEntries.CountAsync(),
            await db.Notes.CountAsync(),
            await db.LedgerEntries.CountAsync(),
            await db.Clients.CountAsync(),
            await db.Packages.CountAsync(),
            await db.SubAccounts.CountAsync(),
            await db.Dids.CountAsync(),
            await db.DidDefaults.CountAsync(),
            await db.Clients.Where(c => c.Id == client).Select(c => c.Status).SingleAsync()));
}
