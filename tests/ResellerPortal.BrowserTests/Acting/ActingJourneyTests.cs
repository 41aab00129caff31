using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ResellerPortal.BrowserTests.Support;
using ResellerPortal.Web.DemoData;
using static Microsoft.Playwright.Assertions;

namespace ResellerPortal.BrowserTests.Acting;

public sealed partial class ActingJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Support_acts_as_reseller1_with_a_reason_edits_a_client_returns_and_reseller1_sees_who_did_it()
    {
        const string reason = "Ticket 2101: client name misspelt";
        await SignInAsync(DemoSeeder.SupportEmail);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Resellers", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Alpha", Exact = false }).First.ClickAsync();
        var resellerUrl = Page.Url;
        var row = Page.Locator($"#staff tr[data-email='{DemoSeeder.Reseller1Email}']");
        await row.GetByLabel("Reason for acting as Alpha Owner").FillAsync(reason);
        await row.GetByRole(AriaRole.Button, new() { Name = "Act as" }).ClickAsync();

        var banner = Page.Locator("#acting-banner");
        await Expect(banner.Locator("[data-acting-name]")).ToHaveTextAsync("Alpha Owner");
        await Expect(banner.Locator("[data-acting-email]")).ToHaveTextAsync(DemoSeeder.Reseller1Email);
        await Expect(banner.Locator("[data-acting-reason]")).ToHaveTextAsync(reason);
        await Expect(banner.Locator("[data-acting-left]")).ToHaveTextAsync(Countdown());

        // The data of this test: a client made while acting, then edited.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Clients", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "New client" }).ClickAsync();
        await Page.Locator("#FirstName").FillAsync("Acted");
        await Page.Locator("#LastName").FillAsync("Clientson");
        await Page.Locator("#Email").FillAsync("acted@clientson.example");
        await Page.Locator("#Country").SelectOptionAsync("GB");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.Locator("[data-flash]")).ToHaveTextAsync("Client Acted Clientson created.");
        var clientUrl = Page.Url;
        await Page.GetByRole(AriaRole.Link, new() { Name = "Edit client" }).ClickAsync();
        await Page.Locator("#LastName").FillAsync("Clientsen");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.Locator("#acting-banner")).ToBeVisibleAsync();
        await Expect(Page.Locator("#history [data-who]").First).ToHaveTextAsync("Support Desk as Alpha Owner");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Return to your account" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(resellerUrl);
        await Expect(Page.Locator("#acting-banner")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-current-user]")).ToHaveAttributeAsync("data-current-user", DemoSeeder.SupportEmail);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();

        await SignInAsync(DemoSeeder.Reseller1Email);
        await Page.GotoAsync(clientUrl);
        await Expect(Page.Locator("#history [data-who]").First).ToHaveTextAsync("Support Desk as Alpha Owner");
        await Page.Locator("#user-menu").ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Acted as you" }).ClickAsync();
        var session = Page.Locator("[data-acting-session]").Filter(new() { HasText = reason });
        await Expect(session.Locator("[data-acting-who]")).ToHaveTextAsync("Support Desk as Alpha Owner");
        await Expect(session.Locator("[data-record-name]").First).ToContainTextAsync("Acted Clientsen");
        await ScreenshotAsync("acted-as-you");
    }

    [GeneratedRegex(@"^\d+ min \d\d s left$")]
    private static partial Regex Countdown();
}
