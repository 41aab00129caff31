using Microsoft.Playwright;
using ResellerPortal.BrowserTests.Support;
using ResellerPortal.Web.DemoData;
using static Microsoft.Playwright.Assertions;

namespace ResellerPortal.BrowserTests.Money;

public sealed class PaymentJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Reseller_adds_two_basket_items_records_a_payment_settling_both_refunds_part_and_opens_the_statement()
    {
        await SignInAsync(DemoSeeder.Reseller1Email);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Clients", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "New client" }).ClickAsync();
        await Page.Locator("#FirstName").FillAsync("Basil");
        await Page.Locator("#LastName").FillAsync("Basket");
        await Page.Locator("#Email").FillAsync("basil@basket.example");
        await Page.Locator("#Country").SelectOptionAsync("GB");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.Locator("[data-flash]")).ToHaveTextAsync("Client Basil Basket created.");
        var clientUrl = Page.Url;

        foreach (var (id, product, price) in new[] { ("BR-1", "Desk phone", "30.00"), ("BR-2", "Headset", "12.50") })
        {
            await Page.GetByRole(AriaRole.Link, new() { Name = "New basket item" }).ClickAsync();
            await Page.Locator("#ItemId").FillAsync(id);
            await Page.Locator("#ItemType").FillAsync("Hardware");
            await Page.Locator("#Product").FillAsync(product);
            await Page.Locator("#Price").FillAsync(price);
            await Page.Locator("#DueDate").FillAsync("2026-12-15");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
            await Expect(Page.Locator("[data-flash]")).ToHaveTextAsync($"Basket item {id} added.");
        }

        await Expect(Page.Locator("#client-basket [data-status=Unpaid]")).ToHaveCountAsync(2);
        await Page.GetByRole(AriaRole.Link, new() { Name = "New payment" }).ClickAsync();
        await Page.Locator("#Type").SelectOptionAsync("BankTransfer");
        await Page.Locator("#Reference").FillAsync("TRF-42");
        await Page.Locator("#Amount").FillAsync("50.00");
        // Ticked from the keyboard: focus each box and press space.
        foreach (var id in new[] { "BR-1", "BR-2" })
        {
            await Page.Locator($"[data-item='{id}'] input").FocusAsync();
            await Page.Keyboard.PressAsync("Space");
        }

        await Expect(Page.Locator("[data-allocation]")).ToHaveTextAsync("Allocated 42.50 EUR, remaining credit 7.50 EUR.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record payment" }).ClickAsync();
        await Expect(Page.Locator("[data-flash]")).ToHaveTextAsync("Payment TRF-42 of 50.00 EUR recorded.");
        await Expect(Page.Locator("#payment-items [data-basket-item]")).ToHaveCountAsync(2);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Refund" }).ClickAsync();
        await Page.Locator("#Amount").FillAsync("60");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record refund" }).ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for=Amount]")).ToHaveTextAsync("At most 50.00 EUR of this payment is left to refund.");
        await Page.Locator("#Amount").FillAsync("7.50");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record refund" }).ClickAsync();
        await Expect(Page.Locator("[data-flash]")).ToHaveTextAsync("Refund of 7.50 EUR recorded.");
        await Expect(Page.Locator("#refunds [data-refund]")).ToHaveCountAsync(1);

        await Page.GotoAsync(clientUrl);
        await Expect(Page.Locator("[data-balance]")).ToHaveTextAsync("42.50 EUR");
        await Expect(Page.Locator("#client-basket [data-status=Paid]")).ToHaveCountAsync(2);
        await Page.Locator("#statement-months a").First.ClickAsync();
        await Expect(Page.Locator("[data-running-balance]")).ToHaveTextAsync(["50.00", "42.50"]);
        await Expect(Page.Locator("[data-closing]")).ToHaveTextAsync("42.50");
        await ScreenshotAsync("statement");
    }
}
