using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ResellerPortal.BrowserTests.Support;
using ResellerPortal.Web.DemoData;
using static Microsoft.Playwright.Assertions;

namespace ResellerPortal.BrowserTests.Keys;

public sealed class KeyActivationTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Reseller_imports_keys_with_one_bad_line_activates_one_on_an_instance_and_sees_it_installed_without_reloading()
    {
        await SignInAsync(DemoSeeder.Reseller1Email);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Keys", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Pre-purchased keys" })).ToBeVisibleAsync();

        await Page.GetByLabel("Keys, one per line").FillAsync("XQI-ALPHA-BROWSER00001:QM-60/1/365\nXQI-ALPHA-BROWSER00002:QM 60/1/365\nXQI-ALPHA-BROWSER00003:QM-80/1/365");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        await Expect(Page.Locator("[data-import-result]")).ToHaveTextAsync(new Regex("^2 keys added\\. 1 line was not imported; it is left in the box below"));
        await Expect(Page.Locator("[data-import-errors] li")).ToHaveTextAsync([new Regex("^Line 2: The key contains spaces")]);
        await Expect(Page.GetByLabel("Keys, one per line")).ToHaveValueAsync("XQI-ALPHA-BROWSER00002:QM 60/1/365");
        await Expect(Page.Locator("[data-ppk-status='available']", new() { HasText = "*0001:QM-60/1/365" })).ToHaveCountAsync(1);
        await ScreenshotAsync("keys-import-with-bad-line");

        // From the instance's card: its licence page offers the keys with enough agents.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Instances", Exact = true }).ClickAsync();
        await Page.GetByLabel("Search by instance name").FillAsync("eu-granite");
        await Page.Keyboard.PressAsync("Enter");
        var card = Page.Locator("[data-instance='eu-granite']");
        await Expect(card.Locator("[data-licence]")).ToHaveAttributeAsync("data-licence", "none");
        await card.GetByRole(AriaRole.Link, new() { Name = "Licence of eu-granite" }).ClickAsync();
        await Expect(Page.Locator("[data-no-licence]")).ToBeVisibleAsync();

        await Page.GetByLabel("Key", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "XQI-ALPHA-********0001:QM-60/1/365 — 60 agents, 365 days" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Confirm']")).ToHaveTextAsync(new Regex("^Tick the box"));
        // The re-shown page puts the keyboard on the field in error and keeps the chosen key.
        await Expect(Page.GetByLabel("I understand")).ToBeFocusedAsync();
        await Expect(Page.GetByLabel("Key", new() { Exact = true })).Not.ToHaveValueAsync(string.Empty);
        await Page.Keyboard.PressAsync("Space");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Expect(Page.Locator("[data-flash]")).ToHaveTextAsync(new Regex("^Activation started"));

        // No reload: the page polls while the activation is in progress.
        var activation = Page.Locator("#instance-licences [data-activation]");
        await Expect(activation).ToHaveAttributeAsync("data-ppk-status", "installed", new() { Timeout = 60_000 });
        await Expect(activation.Locator("[data-attempt-outcome='Succeeded']")).ToHaveCountAsync(2);
        await Expect(activation.Locator("[data-licence-expires]")).ToHaveTextAsync(new Regex("^\\d{4}-\\d{2}-\\d{2}$"));
        await ScreenshotAsync("instance-licence-installed");

        await Page.GotoAsync("/instances?q=eu-granite");
        await Expect(Page.Locator("[data-instance='eu-granite'] [data-licence]")).ToContainTextAsync("60 agents to");
    }

    [Fact]
    public async Task A_shorter_key_for_an_instance_with_a_licence_in_force_is_marked_as_a_downgrade_and_needs_its_own_confirmation()
    {
        await SignInAsync(DemoSeeder.Reseller1Email);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Keys", Exact = true })).ToBeVisibleAsync();

        // The demo's year-long licence: its instance's licence page says it is in force.
        await Page.GotoAsync("/keys?status=installed");
        await Page.Locator("[data-ppk]", new() { HasText = "TLB1:" }).Locator("a[href$='/licence']").ClickAsync();
        await Expect(Page.Locator("[data-licence-in-force-summary]")).ToContainTextAsync("Licence in force:");
        await Expect(Page.Locator("#instance-licences [data-licence-in-force]")).ToHaveCountAsync(1);

        // The 30-day key ends before it: offered, but marked, and refused until the downgrade itself is confirmed.
        var downgrade = Page.Locator("#PpkId option[data-downgrade='true']", new() { HasText = "200 agents, 30 days" });
        await Expect(downgrade).ToContainTextAsync("DOWNGRADE");
        await Page.GetByLabel("Key", new() { Exact = true }).SelectOptionAsync((await downgrade.GetAttributeAsync("value"))!);
        await Page.GetByLabel("I understand that activating uses up the key").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();

        await Expect(Page.Locator("[data-valmsg-for='ConfirmDowngrade']")).ToHaveTextAsync(new Regex("^Downgrade: the licence in force is for \\d+ agents until \\d{4}-\\d{2}-\\d{2}; this key gives 200 agents"));
        await Expect(Page.GetByLabel("I understand that this licence replaces the one in force")).Not.ToBeCheckedAsync();
        await ScreenshotAsync("instance-licence-downgrade-warning");
        await Page.SetViewportSizeAsync(390, 844);
        await Expect(Page.GetByLabel("I understand that this licence replaces the one in force")).ToBeVisibleAsync();
        await ScreenshotAsync("instance-licence-downgrade-warning-phone");
    }
}
