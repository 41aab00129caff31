using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ResellerPortal.BrowserTests.Support;
using ResellerPortal.Web.DemoData;
using static Microsoft.Playwright.Assertions;

namespace ResellerPortal.BrowserTests.Resellers;

public sealed partial class CreateResellerTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Platform_admin_fixes_a_rejected_short_name_and_lands_on_the_new_reseller()
    {
        await SignInAsync(DemoSeeder.AdminEmail);
        await Expect(Page).ToHaveURLAsync(Url("/admin/resellers"));
        await Page.GetByRole(AriaRole.Link, new() { Name = "New reseller" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(Url("/admin/resellers/new"));

        var name = Page.GetByLabel("Name", new() { Exact = true });
        var slug = Page.GetByLabel("Short name");
        await name.ClickAsync();
        await Page.Keyboard.TypeAsync("Gamma Networks");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(slug).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("Bad Slug!");
        await Page.Keyboard.PressAsync("Enter");

        // The message sits right after the short-name field; both typed values come back.
        await Expect(Page.Locator("#Slug + [data-valmsg-for=Slug]"))
            .ToHaveTextAsync("Use 2–40 lower-case letters, digits and single dashes (e.g. acme-telecom).");
        await Expect(Page.Locator("[data-valmsg-for=Name]")).ToBeEmptyAsync();
        await Expect(name).ToHaveValueAsync("Gamma Networks");
        await Expect(slug).ToHaveValueAsync("Bad Slug!");
        await Expect(Page).ToHaveURLAsync(Url("/admin/resellers/new"));

        await slug.ClickAsync();
        await Page.Keyboard.PressAsync("ControlOrMeta+A");
        await Page.Keyboard.TypeAsync("gamma-networks");
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(ResellerPage());
        await Expect(Page.Locator("[data-flash]")).ToHaveTextAsync("Reseller Gamma Networks created.");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Gamma Networks /c/gamma-networks");
        await ScreenshotAsync("reseller-created");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Resellers", Exact = true }).First.ClickAsync();
        await Expect(Page.Locator("[data-reseller=gamma-networks]")).ToContainTextAsync("Gamma Networks");
    }

    [GeneratedRegex("/admin/resellers/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex ResellerPage();
}
