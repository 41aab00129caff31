using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Clients;

public sealed class ClientPagesTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private static List<KeyValuePair<string, string>> ClientFields(string email, string operatorId, string first = "Zelda", string company = "", string country = "GB", string? vat = null) =>
    [
        new("FirstName", first), new("LastName", "Quorn"), new("Company", company), new("Email", email), new("Phone", "+44 20 7946 1111"),
        new("Country", country), new("Currency", "EUR"), new("NextBillingDate", "2026-12-01"), new("BalanceManagement", "Soft"),
        new("OperatorId", operatorId), new("VatNumber", vat ?? string.Empty), new("City", "London"),
    ];

    [Fact]
    public async Task A_reseller_creates_a_client_and_finds_it_by_search()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var eu = await OperatorIdAsync("EU");

        var created = await owner.SubmitAsync("/clients/new", ClientFields("zelda@quorn.example", eu.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var (_, page) = await owner.GetPageAsync("/clients?q=quorn");
        var row = Assert.Single(page.QuerySelectorAll("[data-client]"));
        Assert.Equal("ACTIVE", row.GetAttribute("data-status"));
        Assert.Contains("Zelda Quorn", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(created.Headers.Location!.OriginalString, "/clients/" + row.GetAttribute("data-client"));
    }

    [Fact]
    public async Task Invalid_input_is_shown_again_with_the_reason_next_to_each_field()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var eu = await OperatorIdAsync("EU");
        var fields = ClientFields("not-an-email", eu.ToString(), first: " ", company: "Quorn GmbH", country: "DE", vat: "DE12");
        fields.RemoveAll(f => f.Key is "Phone" or "NextBillingDate");
        fields.Add(new("Phone", "12345"));
        fields.Add(new("NextBillingDate", "2026-12-01"));
        fields.Add(new("LowBalanceThreshold", "5"));

        var response = await owner.SubmitAsync("/clients/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        string Message(string field) => page.QuerySelector($"[data-valmsg-for={field}]")!.TextContent;
        Assert.Equal("Enter the client's first name.", Message("FirstName"));
        Assert.Equal("Enter an email address such as name@example.com.", Message("Email"));
        Assert.Contains("international form", Message("Phone"), StringComparison.Ordinal);
        Assert.Contains("not a valid VAT number for Germany", Message("VatNumber"), StringComparison.Ordinal);
        Assert.Contains("between 10 and 500", Message("LowBalanceThreshold"), StringComparison.Ordinal);
        Assert.Equal("not-an-email", page.QuerySelector("#Email")!.GetAttribute("value"));
        Assert.Equal("Quorn GmbH", page.QuerySelector("#Company")!.GetAttribute("value"));
        Assert.Equal("DE12", page.QuerySelector("#VatNumber")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1e400")]
    [InlineData("")]
    public async Task A_malformed_number_or_date_is_a_field_error_not_a_500(string value)
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var eu = await OperatorIdAsync("EU");
        var fields = ClientFields("ok@quorn.example", eu.ToString());
        fields.RemoveAll(f => f.Key is "NextBillingDate");
        fields.Add(new("NextBillingDate", value));
        fields.Add(new("LowBalanceThreshold", value));

        var response = await owner.SubmitAsync("/clients/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotEmpty(page.QuerySelector("[data-valmsg-for=NextBillingDate]")!.TextContent);
    }

    [Fact]
    public async Task An_EU_business_client_needs_a_valid_VAT_number_and_gets_it_in_canonical_form()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var eu = (await OperatorIdAsync("EU")).ToString();

        var missing = await owner.SubmitAsync("/clients/new", ClientFields("vat1@quorn.example", eu, company: "Quorn GmbH", country: "DE"));
        Assert.Equal("EU business clients need a VAT number.",
            Browser.Parse(await missing.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for=VatNumber]")!.TextContent);

        var valid = await owner.SubmitAsync("/clients/new", ClientFields("vat2@quorn.example", eu, company: "Quorn GmbH", country: "DE", vat: "123 456 789"));
        Assert.Equal(HttpStatusCode.Redirect, valid.StatusCode);
        Assert.Equal("DE123456789", await AsPlatformAsync(db => db.Clients.Where(c => c.Email == "vat2@quorn.example").Select(c => c.VatNumber).SingleAsync()));
    }

    [Fact]
    public async Task Editing_keeps_the_email_unique_and_saves_changes_to_the_history()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var eu = (await OperatorIdAsync("EU")).ToString();
        var created = await owner.SubmitAsync("/clients/new", ClientFields("edit@quorn.example", eu));
        var url = created.Headers.Location!.OriginalString;

        var taken = await owner.SubmitAsync(url + "/edit", ClientFields("client0002@alpha.example.com", eu));
        Assert.Equal("Another client already uses this e-mail address.",
            Browser.Parse(await taken.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for=Email]")!.TextContent);

        var saved = await owner.SubmitAsync(url + "/edit", ClientFields("edit@quorn.example", eu, first: "Zora"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, page) = await owner.GetPageAsync(url);
        Assert.Contains("Zelda → Zora", page.QuerySelector("[data-history]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_waiting_client_is_activated_and_cannot_be_hard_before()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var eu = (await OperatorIdAsync("EU")).ToString();
        var fields = ClientFields("wait@quorn.example", eu);
        fields.Add(new("StartInWait", "true"));
        var hard = fields.Where(f => f.Key != "BalanceManagement").Append(new("BalanceManagement", "Hard")).ToList();

        var refused = await owner.SubmitAsync("/clients/new", hard);
        Assert.Contains("switch to HARD once it is active",
            Browser.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for=BalanceManagement]")!.TextContent, StringComparison.Ordinal);

        var url = (await owner.SubmitAsync("/clients/new", fields)).Headers.Location!.OriginalString;
        var (_, before) = await owner.GetPageAsync(url);
        Assert.Equal("WAIT", before.QuerySelector("h1[data-status]")!.GetAttribute("data-status"));

        await owner.SubmitAsync(url, [], url + "/activate");

        var (_, after) = await owner.GetPageAsync(url);
        Assert.Equal("ACTIVE", after.QuerySelector("h1[data-status]")!.GetAttribute("data-status"));
    }

    [Fact]
    public async Task Delete_is_refused_with_the_reason_while_sub_accounts_or_DIDs_are_connected()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        // A demo client with a sub-account and a DID.
        var clientId = await AsPlatformAsync(db => (
            from s in db.SubAccounts
            join d in db.Dids on s.Id equals (Guid?)d.SubAccountId
            select s.ClientId!.Value).FirstAsync());

        var response = await owner.SubmitAsync($"/clients/{clientId}", [], $"/clients/{clientId}/delete");

        Assert.Equal($"/clients/{clientId}", response.Headers.Location!.OriginalString);
        var (_, page) = await owner.GetPageAsync($"/clients/{clientId}");
        Assert.Equal("The client still has 1 DID and 1 sub-account connected. Unconnect them first, then delete the client.", page.QuerySelector("[data-error]")!.TextContent);
        Assert.True(await AsPlatformAsync(db => db.Clients.AnyAsync(c => c.Id == clientId)));
    }

    [Fact]
    public async Task A_client_without_connections_is_deleted_and_disappears_but_keeps_its_ledger()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var url = (await owner.SubmitAsync("/clients/new", ClientFields("gone@quorn.example", (await OperatorIdAsync("EU")).ToString()))).Headers.Location!.OriginalString;
        await owner.SubmitAsync(url, [new("Transaction.Kind", "Payment"), new("Transaction.Amount", "12.50"), new("Transaction.Description", "Deposit"), new("Transaction.SubmissionId", Guid.NewGuid().ToString())], url + "/transactions");

        var deleted = await owner.SubmitAsync(url, [], url + "/delete");

        Assert.Equal("/clients", deleted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync(url)).StatusCode);
        Assert.Equal(12.50m, await AsPlatformAsync(db => db.LedgerEntries.IgnoreQueryFilters().Where(l => l.Description == "Deposit").SumAsync(l => l.Amount)));
    }

    [Fact]
    public async Task Manual_transactions_change_the_balance_and_a_repeated_submission_records_once()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var url = (await owner.SubmitAsync("/clients/new", ClientFields("ledger@quorn.example", (await OperatorIdAsync("EU")).ToString()))).Headers.Location!.OriginalString;
        var submission = Guid.NewGuid().ToString();
        List<KeyValuePair<string, string>> payment = [new("Transaction.Kind", "Payment"), new("Transaction.Amount", "100"), new("Transaction.Description", "Bank transfer"), new("Transaction.SubmissionId", submission)];

        await owner.SubmitAsync(url, payment, url + "/transactions");
        await owner.SubmitAsync(url, payment, url + "/transactions");
        await owner.SubmitAsync(url, [new("Transaction.Kind", "Charge"), new("Transaction.Amount", "30.25"), new("Transaction.Description", "Porting fee"), new("Transaction.SubmissionId", Guid.NewGuid().ToString())], url + "/transactions");
        var invalid = await owner.SubmitAsync(url, [new("Transaction.Kind", "Charge"), new("Transaction.Amount", "-4"), new("Transaction.Description", ""), new("Transaction.SubmissionId", Guid.NewGuid().ToString())], url + "/transactions");

        var errors = Browser.Parse(await invalid.Content.ReadAsStringAsync());
        Assert.Equal("Enter a positive amount.", errors.QuerySelector("[data-valmsg-for='Transaction.Amount']")!.TextContent);
        Assert.Contains("Describe the transaction", errors.QuerySelector("[data-valmsg-for='Transaction.Description']")!.TextContent, StringComparison.Ordinal);
        var (_, page) = await owner.GetPageAsync(url);
        Assert.Equal("69.75", page.QuerySelector("[data-balance]")!.GetAttribute("data-balance"));
        Assert.Equal(["69.75", "100.00"], page.QuerySelectorAll("#ledger [data-running-balance]").Select(e => e.TextContent).ToArray());
        Assert.Equal([LedgerKind.Charge.ToString(), LedgerKind.Payment.ToString()], page.QuerySelectorAll("#ledger [data-ledger-kind]").Select(e => e.GetAttribute("data-ledger-kind")!).ToArray());
    }

    [Fact]
    public async Task Ledger_rows_cannot_be_changed_or_deleted_even_in_SQL()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => AsPlatformAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "LedgerEntries" SET "Amount" = 0""")));
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() => AsPlatformAsync(db => db.Database.ExecuteSqlRawAsync("""DELETE FROM "LedgerEntries" """)));
    }

    [Fact]
    public async Task The_list_filters_by_status_and_pages_through_every_client_once()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var expected = await AsPlatformAsync(db => db.Clients.CountAsync(c => c.Status == ClientStatus.Active && c.ResellerId == db.Resellers.Single(r => r.Slug == "alpha").Id));

        var seen = new List<string>();
        var url = "/clients?status=ACTIVE&sort=company";
        while (url is not null)
        {
            var (_, page) = await owner.GetPageAsync(url);
            var rows = page.QuerySelectorAll("[data-client]");
            Assert.All(rows, r => Assert.Equal("ACTIVE", r.GetAttribute("data-status")));
            seen.AddRange(rows.Select(r => r.GetAttribute("data-client")!));
            url = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
        }

        Assert.Equal(expected, seen.Count);
        Assert.Equal(expected, seen.Distinct().Count());
    }

    [Fact]
    public async Task Exports_contain_exactly_the_filtered_rows_of_the_reseller_only()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var (_, list) = await owner.GetPageAsync("/clients?q=rossi&status=WAIT");
        var listed = list.QuerySelectorAll("[data-client]").Select(r => r.GetAttribute("data-client")!).Order().ToList();
        var waiting = await AsPlatformAsync(db => db.Clients
            .Where(c => c.Status == ClientStatus.Wait && c.ResellerId == db.Resellers.Single(r => r.Slug == "alpha").Id).ToListAsync());
        var expected = waiting
            .Where(c => (c.FirstName + " " + c.LastName + " " + c.Company + " " + c.Email).Contains("rossi", StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Id.ToString()).ToList();
        Assert.NotEmpty(listed);
        Assert.Equal(expected.Order().ToList(), listed);

        var csv = await owner.GetAsync("/clients/export.csv?q=rossi&status=WAIT");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Id,FirstName,LastName,Company", lines[0], StringComparison.Ordinal);
        Assert.Equal(listed, lines.Skip(1).Select(l => l.Split(',')[0]).Order().ToList());
        Assert.All(lines.Skip(1), l => Assert.Contains(",WAIT,", l, StringComparison.Ordinal));

        var xml = XDocument.Parse(await (await owner.GetAsync("/clients/export.xml?q=rossi&status=WAIT")).Content.ReadAsStringAsync());
        Assert.Equal(listed, xml.Root!.Elements("client").Select(e => (string)e.Attribute("id")!).Order().ToList());

        // Beta's clients never appear in Alpha's export, filtered or not.
        var all = await (await owner.GetAsync("/clients/export.csv")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("@beta.example.com", all, StringComparison.Ordinal);
        Assert.Equal(DemoSeeder.DemoClientsAlpha + 1, all.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Another_resellers_client_is_a_404()
    {
        using var beta = await SignedInAsync(DemoSeeder.Reseller2Email);
        var alphaClient = await AsPlatformAsync(db => db.Clients.Where(c => c.Email == "client0002@alpha.example.com").Select(c => c.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/clients/{alphaClient}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/clients/{alphaClient}/edit")).StatusCode);
        var (_, page) = await beta.GetPageAsync("/clients");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await beta.GetPageAsync("/clients/new")).Page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        Assert.Equal(HttpStatusCode.NotFound, (await beta.PostAsync($"/clients/{alphaClient}/block", [], token)).StatusCode);
        Assert.Equal(ClientStatus.Active, await AsPlatformAsync(db => db.Clients.Where(c => c.Id == alphaClient).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_reseller_user_sees_only_clients_of_their_operators()
    {
        using var staff = await SignedInAsync(DemoSeeder.Staff1Email);
        var us = await OperatorIdAsync("US");
        var (usClient, usClientEmail) = await AsPlatformAsync(async db =>
        {
            var c = await db.Clients.FirstAsync(c => c.OperatorId == us);
            return (c.Id, c.Email);
        });

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/clients/{usClient}")).StatusCode);
        var (_, page) = await staff.GetPageAsync("/clients?q=" + usClientEmail);
        Assert.Empty(page.QuerySelectorAll("[data-client]"));
        var csv = await (await staff.GetAsync("/clients/export.csv")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(usClientEmail, csv, StringComparison.Ordinal);
        var euCount = await AsPlatformAsync(db => db.Clients.CountAsync(c => c.OperatorId != us && c.ResellerId == db.Resellers.Single(r => r.Slug == "alpha").Id));
        Assert.Equal(euCount + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Notes_are_added_to_a_client_and_an_empty_note_is_refused_next_to_the_field()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var clientId = await AsPlatformAsync(db => db.Clients.Where(c => c.Email == "client0002@alpha.example.com").Select(c => c.Id).SingleAsync());
        var url = $"/clients/{clientId}";

        await owner.SubmitAsync(url, [new("Text", "Called about the invoice.")], $"/notes/Client/{clientId}");
        await owner.SubmitAsync(url, [new("Text", "  ")], $"/notes/Client/{clientId}");

        var (_, page) = await owner.GetPageAsync(url);
        Assert.Contains("Called about the invoice.", page.QuerySelector("[data-notes]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("reseller1@demo.local", page.QuerySelector("[data-note]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SubmitAsync(url, [new("Text", "x")], $"/notes/Client/{Guid.NewGuid()}")).StatusCode);
    }
}
