using Microsoft.Playwright;
using ResellerPortal.BrowserTests.Support;
using ResellerPortal.Web.DemoData;
using static Microsoft.Playwright.Assertions;

namespace ResellerPortal.BrowserTests.Clients;

public sealed class ClientRefusalTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_payment_of_a_tenth_of_a_cent_is_refused_beside_the_amount_and_the_dashboard_lists_clients_below_their_threshold()
    {
        await SignInAsync(DemoSeeder.Reseller1Email);
        await Page.WaitForURLAsync("**/dashboard");
        await Page.GotoAsync(Url("/clients/new"));
        await Page.Locator("#FirstName").FillAsync("Tenth");
        await Page.Locator("#LastName").FillAsync("Ofacent");
        await Page.Locator("#Email").FillAsync("tenth@ofacent.example");
        await Page.Locator("#LowBalanceThreshold").FillAsync("50");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.Locator("[data-flash]")).ToHaveTextAsync("Client Tenth Ofacent created.");
        var clientUrl = Page.Url;

        await Page.Locator("#Transaction_Amount").FillAsync("0.001");
        await Page.Locator("#Transaction_Description").FillAsync("Tiny payment");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();

        await Expect(Page.Locator("[data-valmsg-for='Transaction.Amount']")).ToHaveTextAsync("EUR has 2 decimals: enter at most 2 digits after the point.");
        await Expect(Page.Locator("#Transaction_Amount")).ToHaveValueAsync("0.001");
        await Expect(Page.Locator("#ledger [data-ledger-kind]")).ToHaveCountAsync(0);
        await ScreenshotAsync("client-payment-too-many-decimals");

        await Page.GotoAsync(Url("/dashboard"));
        await Page.Locator("[data-total=below-threshold]").ClickAsync();
        await Expect(Page.Locator("[data-active-filter=balance]")).ToBeVisibleAsync();
        // A search keeps the filter.
        await Page.Locator("#q").FillAsync("ofacent");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(Page.Locator("[data-active-filter=balance]")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-client]")).ToHaveCountAsync(1);
        await Expect(Page.Locator($"[data-client='{clientUrl[(clientUrl.LastIndexOf('/') + 1)..]}']")).ToBeVisibleAsync();
        await ScreenshotAsync("clients-below-threshold");
    }
}
