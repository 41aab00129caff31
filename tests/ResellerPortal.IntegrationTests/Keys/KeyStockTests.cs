using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Keys;

/// <summary>The key stock: import, secrecy at rest, tenancy across roles, filters (issue 4).</summary>
public sealed class KeyStockTests(PostgresFixture postgres) : LicenceTest(postgres)
{
    private const string AccessDenied = "/account/access-denied";

    [Fact]
    public async Task A_pasted_list_keeps_the_good_lines_and_names_each_bad_line_with_its_reason()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var pasted = "XQI-ALPHA-PASTE0000001:QM-20/1/90\r\nXQI-ALPHA-PASTE0000002:QM-20/1/0\r\n\r\nXQI-ALPHA-PASTE0000003:QM-50/1/365\r\nXQI-ALPHA-PASTE0000001:QM-20/1/90";

        var response = await owner.SubmitAsync("/keys", [new("Keys", pasted)], "/keys/import");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(
            ["Line 2: The number of days must be at least 1 (XQI-ALPHA-PASTE0000002:QM-20/1/0)", "Line 5: The same key is already on line 1 (XQI-ALPHA-PASTE0000001:QM-20/1/90)"],
            page.QuerySelectorAll("[data-import-errors] li").Select(li => li.TextContent));
        Assert.Equal("XQI-ALPHA-PASTE0000002:QM-20/1/0\nXQI-ALPHA-PASTE0000001:QM-20/1/90", page.QuerySelector("#Keys")!.TextContent.ReplaceLineEndings("\n"));
        Assert.StartsWith("2 keys added. 2 lines were not imported", page.QuerySelector("[data-import-result]")!.TextContent, StringComparison.Ordinal);
        var fingerprints = new[] { "XQI-ALPHA-PASTE0000001:QM-20/1/90", "XQI-ALPHA-PASTE0000002:QM-20/1/90", "XQI-ALPHA-PASTE0000003:QM-50/1/365" }
            .Select(k => PrepurchasedKey.FingerprintOf(Ppk.FromText(k))).ToList();
        Assert.Equal(2, await AsPlatformAsync(db => db.PrepurchasedKeys.CountAsync(k => fingerprints.Contains(k.Fingerprint))));
    }

    [Fact]
    public async Task Imports_of_one_key_at_the_same_moment_keep_it_once_and_a_paste_refused_by_the_race_keeps_nothing()
    {
        const string Shared = "XQI-ALPHA-RACEIMP00001:QM-20/1/90";
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var (_, page) = await owner.GetPageAsync("/keys");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var own = Enumerable.Range(1, 10).Select(i => $"XQI-ALPHA-RACEOWN{i:D5}:QM-20/1/90").ToList();

        var responses = await Task.WhenAll(own.Select(o => owner.PostAsync("/keys/import", [new("Keys", Shared + "\n" + o)], token)));

        Assert.Equal(1, await InStockAsync(Shared));
        for (var i = 0; i < own.Count; i++)
        {
            var kept = await InStockAsync(own[i]);
            if (responses[i].StatusCode == HttpStatusCode.Redirect)
            {
                Assert.Equal(1, kept);
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, responses[i].StatusCode);
            var errors = Browser.Parse(await responses[i].Content.ReadAsStringAsync()).QuerySelectorAll("[data-import-errors] li").Select(li => li.TextContent).ToList();
            // Refused by the unique index while another import of the key committed: the whole paste is refused, its other key too.
            var raced = errors.SequenceEqual(["One of these keys is already in stock. Nothing of this paste was kept; paste the list again."]);
            Assert.True(raced || (errors.Count == 1 && errors[0].StartsWith("Line 1: This key has already been imported", StringComparison.Ordinal)), string.Join(" | ", errors));
            Assert.Equal(raced ? 0 : 1, kept);
        }
    }

    private Task<int> InStockAsync(string ppk)
    {
        var fingerprint = PrepurchasedKey.FingerprintOf(Ppk.FromText(ppk));
        return AsPlatformAsync(db => db.PrepurchasedKeys.CountAsync(k => k.Fingerprint == fingerprint));
    }

    [Fact]
    public async Task Keys_are_encrypted_at_rest_masked_in_lists_and_audit_and_shown_in_full_only_to_the_reseller_s_staff()
    {
        const string Ppk = "XQI-ALPHA-SECRET000001:QM-20/1/90";
        var id = await StockAsync(Ppk);

        var stored = await AsPlatformAsync(db => db.PrepurchasedKeys.AsNoTracking().SingleAsync(k => k.Id == id));
        Assert.DoesNotContain("SECRET000001", stored.TextProtected + stored.Masked + stored.Fingerprint, StringComparison.Ordinal);
        var audit = await AsPlatformAsync(db => db.AuditEntries.Where(a => a.EntityId == id).Select(a => a.Changes).SingleAsync());
        Assert.DoesNotContain("SECRET000001", audit, StringComparison.Ordinal);

        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var (_, list) = await owner.GetPageAsync("/keys");
        Assert.DoesNotContain("SECRET000001", list.Body!.InnerHtml, StringComparison.Ordinal);
        var (_, details) = await owner.GetPageAsync($"/keys/{id}");
        Assert.Equal(Ppk, details.QuerySelector("[data-full-key]")!.TextContent);

        using var support = await SignedInAsync(DemoSeeder.SupportEmail);
        var (supportResponse, supportView) = await support.GetPageAsync($"/keys/{id}");
        Assert.Equal(HttpStatusCode.OK, supportResponse.StatusCode);
        Assert.Null(supportView.QuerySelector("[data-full-key]"));
        Assert.DoesNotContain("SECRET000001", supportView.Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_in_another_reseller_s_stock_is_refused_without_saying_whose()
    {
        const string Shared = "XQI-SHARED-DUP00000001:QM-20/1/90";
        await StockAsync(Shared);
        using var beta = await SignedInAsync(DemoSeeder.Reseller2Email);

        var response = await beta.SubmitAsync("/keys", [new("Keys", Shared)], "/keys/import");

        var html = await response.Content.ReadAsStringAsync();
        var error = Browser.Parse(html).QuerySelector("[data-import-errors] li")!.TextContent;
        Assert.StartsWith("Line 1: This key has already been imported and cannot be imported again", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Alpha", html, StringComparison.Ordinal);
        var betaId = await ResellerIdAsync("beta");
        var fingerprint = PrepurchasedKey.FingerprintOf(Ppk.FromText(Shared));
        Assert.NotEqual(betaId, await AsPlatformAsync(db => db.PrepurchasedKeys.Where(k => k.Fingerprint == fingerprint).Select(k => k.ResellerId).SingleAsync()));
    }

    [Fact]
    public async Task Another_reseller_can_neither_see_nor_use_a_key_and_a_user_sees_only_their_operators_instances()
    {
        const string Ppk = "XQI-ALPHA-TENANT000001:QM-20/1/90";
        var alphaKey = await StockAsync(Ppk);
        var betaInstance = await NewInstanceAsync("lic-beta", "beta", "Main");
        var usInstance = await NewInstanceAsync("lic-us", "alpha", "US");

        using var beta = await SignedInAsync(DemoSeeder.Reseller2Email);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/keys/{alphaKey}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/keys/{alphaKey}/status")).StatusCode);
        var (_, betaList) = await beta.GetPageAsync("/keys");
        Assert.DoesNotContain(betaList.QuerySelectorAll("[data-ppk]"), row => row.GetAttribute("data-ppk") == alphaKey.ToString());
        Assert.DoesNotContain("ALPHA", betaList.QuerySelector("#keys")!.TextContent, StringComparison.Ordinal);
        Assert.Null(betaList.QuerySelector("[data-reseller]"));
        var misuse = await RequestActivationAsync(beta, betaInstance, alphaKey);
        Assert.Equal("This key is not in your stock.", Browser.Parse(await misuse.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='PpkId']")!.TextContent);
        var retry = await beta.SubmitAsync("/keys", [], $"/keys/{alphaKey}/retry");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);

        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var onBeta = await RequestActivationAsync(owner, betaInstance, alphaKey);
        Assert.Equal(HttpStatusCode.NotFound, onBeta.StatusCode);

        using var staff = await SignedInAsync(DemoSeeder.Staff1Email);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/instances/{usInstance}/licence")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RequestActivationAsync(staff, usInstance, alphaKey)).StatusCode);
        Assert.Null(await ActivationAsync(alphaKey));
    }

    [Fact]
    public async Task Support_reads_every_reseller_s_keys_and_can_change_nothing()
    {
        var alphaKey = await StockAsync("XQI-ALPHA-SUPPORT00001:QM-20/1/90");
        var instanceId = await NewInstanceAsync("lic-support");
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);

        var (_, list) = await support.GetPageAsync("/keys");
        var rows = list.QuerySelectorAll("[data-ppk]").Select(r => (Reseller: r.QuerySelector("[data-reseller]")?.TextContent, Key: r.QuerySelector("a")!.TextContent)).ToList();
        Assert.Contains(("Alpha Telecom", "XQI-ALPHA-********0001:QM-20/1/90"), rows);
        Assert.Contains(rows, r => r.Reseller == "Beta Voice" && r.Key.StartsWith("XQI-BETA-", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains("*", r.Key, StringComparison.Ordinal));
        Assert.Null(list.QuerySelector("form[action='/keys/import']"));

        var token = list.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        foreach (var (url, fields) in new (string, KeyValuePair<string, string>[])[]
                 {
                     ("/keys/import", [new("Keys", "XQI-SUPPORT-NEW000001:QM-1/1/1")]),
                     ("/keys/settings", [new("LicenceEmail", "x@example.com")]),
                     ($"/keys/{alphaKey}/activate", [new("InstanceId", instanceId.ToString()), new("Confirm", "true")]),
                     ($"/keys/{alphaKey}/retry", []),
                     ($"/instances/{instanceId}/licence", [new("PpkId", alphaKey.ToString()), new("Confirm", "true")]),
                 })
        {
            var response = await support.PostAsync(url, fields, token);
            Assert.Equal((url, HttpStatusCode.Redirect, AccessDenied), (url, response.StatusCode, response.Headers.Location?.AbsolutePath ?? ""));
        }

        Assert.Null(await ActivationAsync(alphaKey));
        Assert.Equal(0, await AsPlatformAsync(db => db.PrepurchasedKeys.CountAsync(k => k.Masked.StartsWith("XQI-SUPPORT"))));
    }

    [Theory]
    [InlineData("available")]
    [InlineData("installed")]
    [InlineData("failed")]
    public async Task The_status_filter_lists_only_keys_in_that_status_and_counts_match(string status)
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var (_, page) = await owner.GetPageAsync("/keys?status=" + status);

        var rows = page.QuerySelectorAll("[data-ppk]");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(status, r.GetAttribute("data-ppk-status")));
        var count = page.QuerySelector($"[data-status-filter='{status}'] .badge")!.TextContent;
        Assert.Equal(rows.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), count);
    }

    [Fact]
    public async Task Empty_or_oversized_pastes_and_bad_addresses_are_refused_next_to_the_field()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var empty = Browser.Parse(await (await owner.SubmitAsync("/keys", [new("Keys", "  \n ")], "/keys/import")).Content.ReadAsStringAsync());
        var huge = Browser.Parse(await (await owner.SubmitAsync("/keys", [new("Keys", new string('A', 200_001))], "/keys/import")).Content.ReadAsStringAsync());
        var email = Browser.Parse(await (await owner.SubmitAsync("/keys", [new("LicenceEmail", "not-an-address")], "/keys/settings")).Content.ReadAsStringAsync());

        Assert.Equal(["Paste at least one key, one per line."], empty.QuerySelectorAll("[data-import-errors] li").Select(li => li.TextContent));
        Assert.Equal(["Paste at most 200,000 characters at once."], huge.QuerySelectorAll("[data-import-errors] li").Select(li => li.TextContent));
        Assert.Equal("Enter an email address, or leave it empty for the portal's default.", email.QuerySelector("[data-valmsg-for='LicenceEmail']")!.TextContent);
        Assert.Equal("not-an-address", email.QuerySelector("#LicenceEmail")!.GetAttribute("value"));
    }
}
