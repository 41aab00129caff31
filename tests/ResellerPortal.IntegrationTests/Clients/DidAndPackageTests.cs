using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Clients;

public sealed class DidAndPackageTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private static string Message(string html, string field) =>
        Browser.Parse(html).QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? string.Empty;

    private Task<int> DidCountAsync(string prefix) =>
        AsPlatformAsync(db => db.Dids.CountAsync(d => d.Number.StartsWith(prefix)));

    [Fact]
    public async Task A_range_is_added_whole_with_one_audit_row_per_number()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var response = await owner.SubmitAsync("/dids/new", [new("First", "+1 555 010 0000"), new("Last", "+15550109999"), new("Description", "US block")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(10_000, await DidCountAsync("+155501"));
        Assert.Equal(10_000, await AsPlatformAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Did" && a.ActorName == DemoSeeder.Reseller1Email)));
        var (_, page) = await owner.GetPageAsync("/dids?prefix=%2B1555010&state=free");
        Assert.Equal(100, page.QuerySelectorAll("[data-did]").Length);
        Assert.Equal("+15550100000", page.QuerySelector("[data-did]")!.GetAttribute("data-did"));
    }

    [Fact]
    public async Task A_range_overlapping_own_numbers_is_refused_whole_and_names_them()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        await owner.SubmitAsync("/dids/new", [new("First", "+15550200050")]);

        var response = await owner.SubmitAsync("/dids/new", [new("First", "+15550200000"), new("Last", "+15550200099")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("The range overlaps numbers you already hold (+15550200050). Nothing was added.", Message(await response.Content.ReadAsStringAsync(), "Last"));
        Assert.Equal(1, await DidCountAsync("+1555020"));
    }

    [Fact]
    public async Task A_number_another_reseller_holds_is_refused_without_saying_who()
    {
        using var beta = await SignedInAsync(DemoSeeder.Reseller2Email);
        // Alpha holds +442079460000… (demo range); Beta tries a range across it.
        var response = await beta.SubmitAsync("/dids/new", [new("First", "+442079459990"), new("Last", "+442079460010")]);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("The range includes numbers that are not available. Nothing was added.", Message(html, "Last"));
        Assert.DoesNotContain("Alpha", html, StringComparison.Ordinal);
        Assert.Equal(0, await AsPlatformAsync(db => db.Dids.CountAsync(d => d.Number == "+442079459990")));
    }

    [Theory]
    [InlineData("442079460000", "", "First", "E.164", "+1555030")]
    [InlineData("442079460000", "", "First", "Not a phone number: start with + and the country code", "+1555030")]
    [InlineData("+1 555 030 000a", "", "First", "Not a phone number: \"+1 555 030 000a\" has characters other than digits", "+1555030")]
    [InlineData("+999 555 0300", "", "First", "Not a phone number: no country has that calling code", "+999")]
    [InlineData("+15550300000", "+155503000", "Last", "Not a phone number: too short for a number with country code +1.", "+1555030")]
    [InlineData("+15550300000", "+155503000000", "Last", "Not a phone number: too long", "+1555030")]
    [InlineData("+15550300000", "+49301234567", "Last", "same country code", "+1555030")]
    // German numbers vary in length, so two possible ends can still differ in digits.
    [InlineData("+49301234567", "+493012345678", "Last", "as many digits", "+4930123")]
    [InlineData("+15550300010", "+15550300000", "Last", "not come before", "+1555030")]
    [InlineData("+15550300000", "+15550310000", "Last", "at most 10,000", "+1555030")]
    public async Task Bad_numbers_and_ranges_are_refused_next_to_the_field(string first, string last, string field, string reason, string prefix)
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var response = await owner.SubmitAsync("/dids/new", [new("First", first), new("Last", last)]);

        Assert.Contains(reason, Message(await response.Content.ReadAsStringAsync(), field), StringComparison.Ordinal);
        Assert.Equal(0, await DidCountAsync(prefix));
    }

    [Fact]
    public async Task A_range_typed_with_spaces_is_added_in_E164_and_shown_in_international_format()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var response = await owner.SubmitAsync("/dids/new", [new("First", "+44 20 7946 0500"), new("Last", "0044 (20) 7946-0509")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(10, await DidCountAsync("+4420794605"));
        var (_, page) = await owner.GetPageAsync("/dids?prefix=%2B4420794605");
        var row = page.QuerySelector("tr[data-did='+442079460500']");
        Assert.NotNull(row);
        Assert.Contains("+44 20 7946 0500", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_DID_is_connected_with_default_terms_swapped_and_unconnected()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var sub = await AsPlatformAsync(db => db.SubAccounts.Where(s => s.ClientId != null && !db.Dids.Any(d => d.SubAccountId == s.Id)).Select(s => new { s.Id, s.ClientId }).FirstAsync());
        var url = $"/subaccounts/{sub.Id}";
        var (_, form) = await owner.GetPageAsync(url);
        Assert.Equal("1.5", form.QuerySelector("#ConnectDid_MonthlyFee")!.GetAttribute("value")!.TrimEnd('0'));

        var taken = await owner.SubmitAsync(url, [new("ConnectDid.Number", "+33140000000"), new("ConnectDid.BillingStart", "2026-12-01")], url + "/dids");
        Assert.Equal("You hold no such number. Add it under DIDs first.", Message(await taken.Content.ReadAsStringAsync(), "ConnectDid.Number"));
        var bad = await owner.SubmitAsync(url, [new("ConnectDid.Number", "+442079460299"), new("ConnectDid.MonthlyFee", "x"), new("ConnectDid.BillingStart", "")], url + "/dids");
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.NotEmpty(Message(badHtml, "ConnectDid.MonthlyFee"));
        Assert.Equal("Enter the date billing starts (free until then).", Message(badHtml, "ConnectDid.BillingStart"));

        var connected = await owner.SubmitAsync(url,
            [new("ConnectDid.Number", "+442079460299"), new("ConnectDid.SetupFee", "4"), new("ConnectDid.MonthlyFee", "2"), new("ConnectDid.PerMinuteRate", "0.01"),
             new("ConnectDid.BillingStart", "2026-12-01"), new("ConnectDid.ChargeSetupFee", "true")], url + "/dids");
        Assert.Equal(HttpStatusCode.Redirect, connected.StatusCode);
        var did = await AsPlatformAsync(db => db.Dids.SingleAsync(d => d.Number == "+442079460299"));
        Assert.Equal((sub.Id, 2m, new DateOnly(2026, 12, 1)), (did.SubAccountId!.Value, did.MonthlyFee, did.BillingStart!.Value));
        Assert.Equal(-4m, await AsPlatformAsync(db => db.LedgerEntries.Where(l => l.Key == $"did-setup:{did.ConnectionId:N}").SumAsync(l => l.Amount)));

        var swapped = await owner.SubmitAsync($"/dids/{did.Id}", [new("replacement", "+442079460298")], $"/dids/{did.Id}/swap");
        Assert.Equal(HttpStatusCode.Redirect, swapped.StatusCode);
        var replacement = await AsPlatformAsync(db => db.Dids.SingleAsync(d => d.Number == "+442079460298"));
        Assert.Equal((sub.Id, 2m), (replacement.SubAccountId!.Value, replacement.MonthlyFee));
        Assert.Null(await AsPlatformAsync(db => db.Dids.Where(d => d.Id == did.Id).Select(d => d.SubAccountId).SingleAsync()));

        await owner.SubmitAsync($"/dids/{replacement.Id}", [], $"/dids/{replacement.Id}/unconnect");
        Assert.Null(await AsPlatformAsync(db => db.Dids.Where(d => d.Id == replacement.Id).Select(d => d.SubAccountId).SingleAsync()));
        var (_, history) = await owner.GetPageAsync($"/dids/{replacement.Id}");
        // Seeded numbers have no "Added" entry (bulk SQL); the swap connected it and then it was unconnected.
        Assert.Equal(2, history.QuerySelectorAll("[data-history] [data-audit-action]").Length);
    }

    [Fact]
    public async Task Another_resellers_DID_and_package_are_404()
    {
        using var beta = await SignedInAsync(DemoSeeder.Reseller2Email);
        var did = await AsPlatformAsync(db => db.Dids.Where(d => d.Number == "+442079460000").Select(d => d.Id).SingleAsync());
        var package = await AsPlatformAsync(db => db.Packages.Where(p => p.Name == DemoSeeder.SeedExamplePackage).Select(p => p.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/dids/{did}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/packages/{package}")).StatusCode);
        var (_, list) = await beta.GetPageAsync("/dids?prefix=%2B44");
        Assert.Empty(list.QuerySelectorAll("[data-did]"));
    }

    [Fact]
    public async Task The_seed_example_package_sells_at_0_0138_per_minute()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var package = await AsPlatformAsync(db => db.Packages.Where(p => p.Name == DemoSeeder.SeedExamplePackage).Select(p => p.Id).SingleAsync());

        var (_, page) = await owner.GetPageAsync($"/packages/{package}");

        Assert.Equal("0.0138", page.QuerySelector("#rate-examples [data-sell-rate]")!.TextContent);
    }

    [Fact]
    public async Task A_package_is_created_with_validation_copied_and_deleted_unless_in_use()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        List<KeyValuePair<string, string>> fields =
        [
            new("Name", "Gold"), new("Currency", "EUR"), new("MarkupFixed", "0.0025"), new("MarkupPercent", "20"), new("PulseFirst", "30"), new("PulseNext", "6"),
            new("Route", "Premium"), new("MonthlyFee", "9.99"), new("SetupFee", "0"), new("FreeMinutes", "100"),
            new("AreaRates", "44 0.02 UK\nZZ 1"), new("FreeZones", "FR"), new("Services", "Dids"), new("Services", "Voicemail"), new("ViewSetting", "Simple"),
        ];

        var invalid = await owner.SubmitAsync("/packages/new", fields.Append(new("PulseFirst", "0")).Where(f => !(f.Key == "PulseFirst" && f.Value == "30")));
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("Line 2: \"ZZ\" is neither", Message(html, "AreaRates"), StringComparison.Ordinal);
        Assert.Contains("first increment is 1–3600", Message(html, "PulseFirst"), StringComparison.Ordinal);
        Assert.Contains("44 0.02 UK", Browser.Parse(html).QuerySelector("#AreaRates")!.TextContent, StringComparison.Ordinal);

        fields[10] = new("AreaRates", "44 0.02 UK\n4420 0.015");
        var created = await owner.SubmitAsync("/packages/new", fields);
        var url = created.Headers.Location!.OriginalString;
        var (_, details) = await owner.GetPageAsync(url);
        Assert.Equal("Gold", details.QuerySelector("h1[data-package]")!.GetAttribute("data-package"));

        var copied = await owner.SubmitAsync(url, [], url + "/copy");
        Assert.EndsWith("/edit", copied.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("4420 0.015\n44 0.02 UK\n".Length, await AsPlatformAsync(db => db.Packages.Where(p => p.Name == "Gold (copy)").Select(p => p.AreaRatesText.Length).SingleAsync()));

        // In use: a sub-account gets it, and delete is refused with the reason.
        var sub = await AsPlatformAsync(db => db.SubAccounts.Where(s => s.ClientId != null && s.PackageId == null && db.Clients.Any(c => c.Id == s.ClientId && c.Currency == "EUR")).Select(s => s.Id).FirstAsync());
        var packageId = url.Split('/')[^1];
        await owner.SubmitAsync($"/subaccounts/{sub}", [new("PackageId", packageId)], $"/subaccounts/{sub}/package");
        await owner.SubmitAsync(url, [], url + "/delete");
        var (_, refused) = await owner.GetPageAsync(url);
        Assert.Equal("1 sub-account uses this package. Assign them another package first.", refused.QuerySelector("[data-error]")!.TextContent);

        await owner.SubmitAsync($"/subaccounts/{sub}", [new("PackageId", "")], $"/subaccounts/{sub}/package");
        var deleted = await owner.SubmitAsync(url, [], url + "/delete");
        Assert.Equal("/packages", deleted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_sub_account_is_created_with_a_package_moved_and_unconnected()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var clients = await AsPlatformAsync(db => db.Clients.Where(c => c.Currency == "EUR" && c.Email.EndsWith("@alpha.example.com") && !db.SubAccounts.Any(s => s.ClientId == c.Id))
            .OrderBy(c => c.Email).Select(c => new { c.Id, c.Email }).Take(2).ToListAsync());
        var standard = await AsPlatformAsync(db => db.Packages.Where(p => p.Name == "Standard EU").Select(p => p.Id).SingleAsync());
        var newUrl = $"/clients/{clients[0].Id}/subaccounts/new";

        var taken = await owner.SubmitAsync(newUrl, [new("Name", "sub-client0002")]);
        Assert.Equal("A sub-account with this name already exists.", Message(await taken.Content.ReadAsStringAsync(), "Name"));

        var created = await owner.SubmitAsync(newUrl, [new("Name", "Front-Desk"), new("PackageId", standard.ToString()), new("ChargeSetupFee", "true")]);
        var url = created.Headers.Location!.OriginalString;
        Assert.Equal(-10m, await AsPlatformAsync(db => db.LedgerEntries.Where(l => l.ClientId == clients[0].Id).SumAsync(l => l.Amount)));
        var (_, client) = await owner.GetPageAsync($"/clients/{clients[0].Id}");
        Assert.Equal("Standard EU", client.QuerySelector("[data-subaccount=front-desk] [data-package]")!.TextContent);

        var unknown = await owner.SubmitAsync(url, [new("ClientEmail", "nobody@example.com")], url + "/move");
        Assert.Equal("None of your clients has this email.", Message(await unknown.Content.ReadAsStringAsync(), "ClientEmail"));
        await owner.SubmitAsync(url, [new("ClientEmail", clients[1].Email)], url + "/move");
        Assert.Equal(clients[1].Id, await AsPlatformAsync(db => db.SubAccounts.Where(s => s.Name == "front-desk").Select(s => s.ClientId!.Value).SingleAsync()));

        var unconnected = await owner.SubmitAsync(url, [], url + "/unconnect");
        Assert.Equal($"/clients/{clients[1].Id}", unconnected.Headers.Location!.OriginalString);
        Assert.Null(await AsPlatformAsync(db => db.SubAccounts.Where(s => s.Name == "front-desk").Select(s => s.ClientId).SingleAsync()));
    }

    [Fact]
    public async Task A_reseller_user_cannot_open_sub_accounts_or_DIDs_of_another_operators_clients()
    {
        using var staff = await SignedInAsync(DemoSeeder.Staff1Email);
        var us = await AsPlatformAsync(db => db.Operators.Where(o => o.Name == "US").Select(o => o.Id).SingleAsync());
        var foreign = await AsPlatformAsync(db => (
            from s in db.SubAccounts
            join c in db.Clients on s.ClientId equals c.Id
            join d in db.Dids on s.Id equals d.SubAccountId
            where c.OperatorId == us
            select new { Sub = s.Id, Did = d.Id, d.Number }).FirstAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/subaccounts/{foreign.Sub}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/dids/{foreign.Did}")).StatusCode);
        var (_, list) = await staff.GetPageAsync("/dids?prefix=" + Uri.EscapeDataString(foreign.Number));
        Assert.Empty(list.QuerySelectorAll("[data-did]"));
        // Free numbers are the reseller's stock: the staff member sees them.
        var (_, free) = await staff.GetPageAsync("/dids?state=free&prefix=%2B4420794602");
        Assert.NotEmpty(free.QuerySelectorAll("[data-did]"));
    }
}
