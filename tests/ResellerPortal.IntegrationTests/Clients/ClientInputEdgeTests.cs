using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Clients;

/// <summary>
/// Issue 15, bugs 1 and 2: the edge values of the domain (more decimals than the currency, minus zero,
/// numbers past decimal's range, year 1) posted to the client forms come back as a message beside their
/// field, never as a 500, and nothing is saved.
/// </summary>
public sealed class ClientInputEdgeTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private static List<KeyValuePair<string, string>> ClientFields(string email, Guid operatorId) =>
    [
        new("FirstName", "Edna"), new("LastName", "Edge"), new("Email", email), new("Country", "GB"), new("Currency", "EUR"),
        new("NextBillingDate", "2026-12-01"), new("BalanceManagement", "Soft"), new("OperatorId", operatorId.ToString()),
    ];

    private static List<KeyValuePair<string, string>> Transaction(string kind, string amount) =>
        [new("Transaction.Kind", kind), new("Transaction.Amount", amount), new("Transaction.Description", "Edge"), new("Transaction.SubmissionId", Guid.NewGuid().ToString())];

    private async Task<(Browser Owner, string Url)> NewClientAsync(string email)
    {
        var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var created = await owner.SubmitAsync("/clients/new", ClientFields(email, await OperatorIdAsync("EU")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return (owner, created.Headers.Location!.OriginalString);
    }

    private static async Task<string> MessageBesideAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        var message = page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? string.Empty;
        Assert.NotEqual(string.Empty, message.Trim());
        return message;
    }

    [Theory]
    [InlineData("Payment")]
    [InlineData("Charge")]
    [InlineData("Refund")]
    [InlineData("Adjustment")]
    public async Task A_transaction_with_more_decimals_than_the_currency_is_refused_beside_the_amount(string kind)
    {
        var (owner, url) = await NewClientAsync($"decimals-{kind.ToLowerInvariant()}@edge.example");
        using var _ = owner;

        var response = await owner.SubmitAsync(url, Transaction(kind, "0.001"), url + "/transactions");

        Assert.Equal("EUR has 2 decimals: enter at most 2 digits after the point.", await MessageBesideAsync(response, "Transaction.Amount"));
        Assert.Equal(0, await AsPlatformAsync(db => db.LedgerEntries.CountAsync(l => l.Description == "Edge")));
    }

    [Theory]
    [InlineData("Payment", "-0")]
    [InlineData("Adjustment", "-0")]
    [InlineData("Adjustment", "-0.001")]
    [InlineData("Payment", "1e30")]
    [InlineData("Payment", "79228162514264337593543950336")]
    [InlineData("Payment", "1000000.01")]
    [InlineData("Payment", "NaN")]
    public async Task Edge_amounts_of_a_transaction_are_a_message_beside_the_amount_not_a_500(string kind, string amount)
    {
        var (owner, url) = await NewClientAsync("amounts@edge.example");
        using var _ = owner;

        await MessageBesideAsync(await owner.SubmitAsync(url, Transaction(kind, amount), url + "/transactions"), "Transaction.Amount");

        Assert.Equal(0, await AsPlatformAsync(db => db.LedgerEntries.CountAsync(l => l.Description == "Edge")));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1999-12-31")]
    [InlineData("2101-01-01")]
    [InlineData("9999-12-31")]
    public async Task A_next_billing_date_outside_the_portals_dates_is_refused_on_create_and_edit(string date)
    {
        var (owner, url) = await NewClientAsync("dates@edge.example");
        using var _ = owner;
        var fields = ClientFields("dates-new@edge.example", await OperatorIdAsync("EU"));
        fields.RemoveAll(f => f.Key == "NextBillingDate");
        fields.Add(new("NextBillingDate", date));

        Assert.Equal("Enter a date between 2000-01-01 and 2100-12-31.", await MessageBesideAsync(await owner.SubmitAsync("/clients/new", fields), "NextBillingDate"));
        fields.RemoveAll(f => f.Key == "Email");
        fields.Add(new("Email", "dates@edge.example"));
        Assert.Equal("Enter a date between 2000-01-01 and 2100-12-31.", await MessageBesideAsync(await owner.SubmitAsync(url + "/edit", fields, url + "/edit"), "NextBillingDate"));

        Assert.False(await AsPlatformAsync(db => db.Clients.AnyAsync(c => c.Email == "dates-new@edge.example")));
        Assert.Equal(new DateOnly(2026, 12, 1), await AsPlatformAsync(db => db.Clients.Where(c => c.Email == "dates@edge.example").Select(c => c.NextBillingDate).SingleAsync()));
    }

    [Theory]
    [InlineData("LowBalanceThreshold", "0.001")]
    [InlineData("LowBalanceThreshold", "-0")]
    [InlineData("LowBalanceThreshold", "1e30")]
    [InlineData("LowBalanceThreshold", "79228162514264337593543950336")]
    [InlineData("NextBillingDate", "0000-12-31")]
    [InlineData("NextBillingDate", "10000-01-01")]
    [InlineData("Phone", "+")]
    [InlineData("Phone", "+999999999999999999999999999999")]
    [InlineData("Phone", "++44 ☎")]
    [InlineData("VatNumber", "DE 123 456 789 012 345 678 901 234")]
    [InlineData("Currency", "XXX")]
    [InlineData("Country", "ZZ")]
    [InlineData("BalanceManagement", "7")]
    [InlineData("OperatorId", "00000000-0000-0000-0000-000000000000")]
    public async Task Edge_values_in_the_client_form_are_a_message_beside_their_field_not_a_500(string field, string value)
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var fields = ClientFields("form@edge.example", await OperatorIdAsync("EU"));
        fields.RemoveAll(f => f.Key == field || (field == "VatNumber" && f.Key is "Country"));
        fields.Add(new(field, value));
        if (field == "VatNumber")
        {
            fields.Add(new("Country", "DE"));
            fields.Add(new("Company", "Edge GmbH"));
        }

        await MessageBesideAsync(await owner.SubmitAsync("/clients/new", fields), field);

        Assert.False(await AsPlatformAsync(db => db.Clients.AnyAsync(c => c.Email == "form@edge.example")));
    }

    [Fact]
    public async Task A_status_move_the_client_does_not_allow_is_the_pages_error_and_changes_nothing()
    {
        var (owner, _) = await NewClientAsync("status@edge.example");
        using var __ = owner;
        var fields = ClientFields("waiting@edge.example", await OperatorIdAsync("EU"));
        fields.Add(new("StartInWait", "true"));
        var url = (await owner.SubmitAsync("/clients/new", fields)).Headers.Location!.OriginalString;

        var refused = await owner.SubmitAsync(url, [], url + "/suspend");

        Assert.Equal(url, refused.Headers.Location!.OriginalString);
        var (_, page) = await owner.GetPageAsync(url);
        Assert.Equal("A client waiting for activation cannot be suspended; activate or block it.", page.QuerySelector("[data-error]")!.TextContent);
        Assert.Equal("WAIT", page.QuerySelector("h1[data-status]")!.GetAttribute("data-status"));
    }
}
