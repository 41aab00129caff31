using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Security;

/// <summary>Findings 1, 4, 6 and the instances of 7 from the outside test (issue 16), each replayed as the tester did.</summary>
public sealed class SecurityFindingsTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private static string Message(string html, string field) =>
        Browser.Parse(html).QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? string.Empty;

    [Fact]
    public async Task Logging_out_ends_the_session_a_copied_cookie_and_the_user_s_other_sessions_at_once()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        using var otherDevice = await SignedInAsync(DemoSeeder.Reseller1Email);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/dashboard")).StatusCode);
        var copied = new CookieContainer();
        copied.Add(owner.Cookies.GetAllCookies());

        var logout = await owner.SubmitAsync("/dashboard", [], "/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        using var replay = new Browser(Portal, copied);
        foreach (var browser in new[] { replay, otherDevice })
        {
            var after = await browser.GetAsync("/dashboard");
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await NewBrowser().LoginAsync(DemoSeeder.Reseller1Email)).StatusCode);
    }

    [Fact]
    public async Task A_user_limited_to_one_operator_neither_sees_nor_retries_a_licence_of_another_operator_s_instance()
    {
        var us = await OperatorIdAsync("US");
        var eu = await OperatorIdAsync("EU");
        // The demo licenses EU instances only: move a failed activation (one that may be retried) to a US instance.
        var usInstance = await AsPlatformAsync(db => db.Instances.Where(i => i.OperatorId == us).Select(i => i.Id).FirstAsync());
        await AsPlatformAsync(db => db.LicenceActivations.Where(a => a.Id == db.LicenceActivations.Where(x => x.FailureReason != null).OrderBy(x => x.Id).Select(x => x.Id).First())
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.InstanceId, usInstance)));
        var activations = await AsPlatformAsync(db => (
            from a in db.LicenceActivations
            join i in db.Instances.IgnoreQueryFilters() on a.InstanceId equals i.Id
            select new { a.PpkId, a.Id, i.OperatorId, a.Status, a.Version }).ToListAsync());
        var foreign = activations.First(a => a.OperatorId == us);
        var own = activations.First(a => a.OperatorId == eu);
        using var staff = await SignedInAsync(DemoSeeder.Staff1Email);

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/keys/{own.PpkId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/keys/{foreign.PpkId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/keys/{foreign.PpkId}/status")).StatusCode);
        var (_, list) = await staff.GetPageAsync("/keys");
        Assert.DoesNotContain(foreign.PpkId.ToString(), list.Body!.InnerHtml, StringComparison.Ordinal);

        await staff.SubmitAsync("/keys", [], $"/keys/{foreign.PpkId}/retry");

        var after = await AsPlatformAsync(db => db.LicenceActivations.Where(a => a.Id == foreign.Id).Select(a => new { a.Status, a.Version }).SingleAsync());
        Assert.Equal((foreign.Status, foreign.Version), (after.Status, after.Version));
    }

    [Fact]
    public async Task A_huge_refused_note_does_not_swell_the_cookies_of_later_requests()
    {
        var alpha = await ResellerIdAsync("alpha");
        var client = await AsPlatformAsync(db => db.Clients.Where(c => c.ResellerId == alpha).Select(c => c.Id).FirstAsync());
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var response = await owner.SubmitAsync($"/clients/{client}", [new("Text", new string('x', 200_000))], $"/notes/Client/{client}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var setCookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.True(setCookies.Sum(c => c.Length) < 8_000, $"{setCookies.Count} cookies of {setCookies.Sum(c => c.Length)} characters");
        var (page, html) = await owner.GetPageAsync($"/clients/{client}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("x", html.QuerySelector("textarea[name=Text]")?.TextContent ?? string.Empty, StringComparison.Ordinal);
        Assert.True(owner.Cookies.GetCookieHeader(new Uri("http://localhost/")).Length < 8_000);
    }

    [Fact]
    public async Task A_checkbox_that_is_neither_true_nor_false_is_refused_and_the_form_shown_again()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var clients = await AsPlatformAsync(db => db.Clients.CountAsync());

        var response = await owner.SubmitAsync("/clients/new", [new("FirstName", ""), new("StartInWait", "maybe"), new("ChargeSetupFee", "1")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(page.QuerySelector("input[name=StartInWait][type=checkbox]")!.HasAttribute("checked"));
        Assert.Equal(clients, await AsPlatformAsync(db => db.Clients.CountAsync()));
    }

    [Theory]
    [InlineData("/clients?q=%00")]
    [InlineData("/instances?q=a%00b")]
    [InlineData("/instances/cards?after=%00")]
    [InlineData("/dids?after=%00")]
    [InlineData("/keys?product=%00")]
    [InlineData("/admin/audit?entity=%00")]
    [InlineData("/clients/export.csv?q=%00")]
    [InlineData("/clients/export.xml?q=%00")]
    public async Task A_nul_in_a_query_string_is_a_bad_request(string url)
    {
        using var browser = await SignedInAsync(url.StartsWith("/admin", StringComparison.Ordinal) ? DemoSeeder.AdminEmail : DemoSeeder.Reseller1Email);

        var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_nul_in_a_form_field_is_a_bad_request_and_saves_nothing()
    {
        var alpha = await ResellerIdAsync("alpha");
        var client = await AsPlatformAsync(db => db.Clients.Where(c => c.ResellerId == alpha).Select(c => c.Id).FirstAsync());
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var notes = await AsPlatformAsync(db => db.Notes.CountAsync());

        var response = await owner.SubmitAsync($"/clients/{client}", [new("Text", "a\0b")], $"/notes/Client/{client}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(notes, await AsPlatformAsync(db => db.Notes.CountAsync()));
    }

    [Fact]
    public async Task Minus_zero_is_a_fee_of_zero()
    {
        var alpha = await ResellerIdAsync("alpha");
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var response = await owner.SubmitAsync("/dids/defaults", [new("SetupFee", "-0"), new("MonthlyFee", "-0.00"), new("PerMinuteRate", "0"), new("FreeDays", "0")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var defaults = await AsPlatformAsync(db => db.DidDefaults.Where(d => d.ResellerId == alpha).Select(d => new { d.SetupFee, d.MonthlyFee }).SingleAsync());
        Assert.Equal("0 0", $"{defaults.SetupFee:0.##} {defaults.MonthlyFee:0.##}");
    }

    [Fact]
    public async Task Assigning_a_package_again_after_removing_it_does_not_charge_its_setup_fee_twice()
    {
        var alpha = await ResellerIdAsync("alpha");
        var sub = await AsPlatformAsync(db => db.SubAccounts.Where(s => s.ResellerId == alpha && s.ClientId != null && s.PackageId == null).Select(s => new { s.Id, s.ClientId }).FirstAsync());
        var currency = await AsPlatformAsync(db => db.Clients.Where(c => c.Id == sub.ClientId).Select(c => c.Currency).SingleAsync());
        var package = await AsPlatformAsync(db => db.Packages.Where(p => p.ResellerId == alpha && p.Currency == currency && p.SetupFee > 0).Select(p => p.Id).FirstAsync());
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var page = $"/subaccounts/{sub.Id}";

        foreach (var fields in new KeyValuePair<string, string>[][]
                 {
                     [new("PackageId", package.ToString()), new("ChargeSetupFee", "true")],
                     [new("PackageId", string.Empty)],
                     [new("PackageId", package.ToString()), new("ChargeSetupFee", "true")],
                 })
        {
            var response = await owner.SubmitAsync(page, fields, $"{page}/package");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        Assert.Equal(package, await AsPlatformAsync(db => db.SubAccounts.Where(s => s.Id == sub.Id).Select(s => s.PackageId).SingleAsync()));
        Assert.Equal(1, await AsPlatformAsync(db => db.LedgerEntries.CountAsync(l => l.ClientId == sub.ClientId && l.Key.StartsWith("package-setup:"))));
    }

    [Fact]
    public async Task A_vat_number_longer_than_its_column_is_refused_for_a_non_eu_country()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var eu = await OperatorIdAsync("EU");

        var response = await owner.SubmitAsync("/clients/new",
        [
            new("FirstName", "Long"), new("Email", "long.vat@quorn.example"), new("Country", "US"), new("Company", "Quorn Inc"), new("Currency", "USD"),
            new("NextBillingDate", "2026-12-01"), new("BalanceManagement", "Soft"), new("OperatorId", eu.ToString()), new("VatNumber", new string('9', 25)),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("A VAT number has at most 20 characters.", Message(await response.Content.ReadAsStringAsync(), "VatNumber"));
    }
}
