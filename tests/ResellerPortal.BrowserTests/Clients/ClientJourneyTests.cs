using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ResellerPortal.BrowserTests.Support;
using ResellerPortal.Web.DemoData;
using static Microsoft.Playwright.Assertions;

namespace ResellerPortal.BrowserTests.Clients;

public sealed partial class ClientJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Reseller_creates_a_client_with_a_packaged_sub_account_connects_a_DID_from_a_range_and_records_a_payment()
    {
        await SignInAsync(DemoSeeder.Reseller1Email);
        await Page.GetByRole(AriaRole.Link, new() { Name = "DIDs", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Add numbers" }).ClickAsync();
        await Page.Locator("#First").FillAsync("+15559990000");
        await Page.Locator("#Last").FillAsync("+15559990009");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(Page.Locator("[data-flash]")).ToHaveTextAsync("10 numbers added.");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Clients", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "New client" }).ClickAsync();
        await Page.Locator("#FirstName").FillAsync("Wilma");
        await Page.Locator("#LastName").FillAsync("Browserly");
        await Page.Locator("#Email").FillAsync("wilma@browserly.example");
        await Page.Locator("#Country").SelectOptionAsync("GB");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(ClientPage());
        await Expect(Page.Locator("[data-flash]")).ToHaveTextAsync("Client Wilma Browserly created.");
        await Expect(Page.Locator("h1[data-status]")).ToHaveAttributeAsync("data-status", "ACTIVE");
        await Expect(Page.Locator("[data-balance]")).ToHaveAttributeAsync("data-balance", new Regex("^0(\\.0+)?$"));
        var clientUrl = Page.Url;

        await Page.GetByRole(AriaRole.Link, new() { Name = "New sub-account" }).ClickAsync();
        await Page.Locator("#Name").FillAsync("wilma-desk");
        await Page.Locator("#PackageId").SelectOptionAsync(new SelectOptionValue { Label = "Standard EU" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create sub-account" }).ClickAsync();
        await Expect(Page.Locator("dd[data-package]")).ToContainTextAsync("Standard EU");

        // The reseller's DID defaults fill the charges; the number comes from the range just added.
        await Expect(Page.Locator("#ConnectDid_SetupFee")).Not.ToBeEmptyAsync();
        await Page.Locator("#ConnectDid_Number").FillAsync("+15559990005");
        // Charging the setup fee now is a choice: the box starts unticked, as for a package.
        await Expect(Page.Locator("#ConnectDid_ChargeSetupFee")).Not.ToBeCheckedAsync();
        await Page.Locator("#ConnectDid_ChargeSetupFee").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Connect DID" }).ClickAsync();
        await Expect(Page.Locator("[data-flash]")).ToHaveTextAsync("+15559990005 connected to wilma-desk.");
        await Expect(Page.Locator("#subaccount-dids [data-did='+15559990005']")).ToBeVisibleAsync();

        await Page.GotoAsync(clientUrl);
        await Expect(Page.Locator("#client-dids [data-did='+15559990005']")).ToBeVisibleAsync();
        // The DID's default setup fee (5.00) was charged at connection, as ticked.
        await Expect(Page.Locator("[data-balance]")).ToHaveAttributeAsync("data-balance", "-5.00");

        await Page.Locator("#Transaction_Amount").FillAsync("25");
        await Page.Locator("#Transaction_Description").FillAsync("Card payment");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Expect(Page.Locator("[data-flash]")).ToHaveTextAsync("Payment of 25.00 EUR recorded.");
        await Expect(Page.Locator("[data-balance]")).ToHaveAttributeAsync("data-balance", "20.00");
        await Expect(Page.Locator("#ledger [data-running-balance]").First).ToHaveTextAsync("20.00");
        await ScreenshotAsync("client-with-payment");
    }

    [GeneratedRegex("/clients/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex ClientPage();
}
