using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Clients;

/// <summary>A client's phone: typed as dialled in the client's country, stored in E.164, shown in international format.</summary>
public sealed class ClientPhoneTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private async Task<HttpResponseMessage> CreateAsync(Browser owner, string email, string phone, string country) =>
        await owner.SubmitAsync("/clients/new",
        [
            new("FirstName", "Phil"), new("LastName", "Dialler"), new("Email", email), new("Phone", phone), new("Country", country),
            new("Currency", "EUR"), new("NextBillingDate", "2026-12-01"), new("BalanceManagement", "Soft"),
            new("OperatorId", (await OperatorIdAsync("EU")).ToString()), new("City", "London"),
        ]);

    [Fact]
    public async Task A_national_number_is_read_in_the_clients_country_stored_in_E164_and_shown_internationally()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var created = await CreateAsync(owner, "phil@dialler.example", "020 7946 1234", "GB");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var client = await AsPlatformAsync(db => db.Clients.Where(c => c.Email == "phil@dialler.example").Select(c => new { c.Id, c.Phone }).SingleAsync());
        Assert.Equal("+442079461234", client.Phone);
        var (_, page) = await owner.GetPageAsync($"/clients/{client.Id}");
        Assert.Contains("+44 20 7946 1234", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_that_is_not_one_in_the_clients_country_is_refused_next_to_the_field()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var response = await CreateAsync(owner, "phil2@dialler.example", "7946 12", "GB");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for=Phone]")!.TextContent;
        Assert.StartsWith("Not a phone number:", message, StringComparison.Ordinal);
        Assert.Contains("United Kingdom", message, StringComparison.Ordinal);
        Assert.False(await AsPlatformAsync(db => db.Clients.AnyAsync(c => c.Email == "phil2@dialler.example")));
    }
}
