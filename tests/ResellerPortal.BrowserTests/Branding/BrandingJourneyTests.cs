using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ResellerPortal.BrowserTests.Support;
using ResellerPortal.Web.DemoData;
using static Microsoft.Playwright.Assertions;

namespace ResellerPortal.BrowserTests.Branding;

public sealed partial class BrandingJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Reseller_changes_colours_and_the_logo_previews_them_unsaved_then_saves()
    {
        await SignInAsync(DemoSeeder.Reseller2Email);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Branding", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Branding", Exact = true })).ToBeVisibleAsync();

        await Page.Locator("#Title").FillAsync("Beta Self-Service");
        await Page.Locator("#colour-PrimaryButton").FillAsync("#aa2200");
        await Page.Locator("#colour-Navigation").FillAsync("#003366");
        await Page.Locator("#image-HeaderLogo").SetInputFilesAsync(new FilePayload
        {
            Name = "logo.png",
            MimeType = "image/png",
            Buffer = DemoPng.Circle(32, (0x00, 0x33, 0x66), (0xff, 0xcc, 0x00)),
        });

        var preview = await Page.Context.RunAndWaitForPageAsync(() => Page.Locator("[data-preview]").ClickAsync());
        await preview.WaitForLoadStateAsync();
        await Expect(preview.Locator("[data-preview-title]")).ToHaveTextAsync("Beta Self-Service");
        await Expect(preview.Locator("img.brand-header-logo")).ToHaveAttributeAsync("src", DataUri());
        await Expect(preview.Locator("main .btn-primary")).ToHaveCSSAsync("background-color", "rgb(170, 34, 0)");
        await Expect(preview.Locator("nav.brand-navigation")).ToHaveCSSAsync("background-color", "rgb(0, 51, 102)");
        await preview.CloseAsync();

        // Nothing was saved by the preview: the page still has no stored logo.
        await Page.ReloadAsync();
        await Expect(Page.Locator("img[data-stored-image]")).ToHaveCountAsync(0);

        await Page.Locator("#Title").FillAsync("Beta Self-Service");
        await Page.Locator("#colour-PrimaryButton").FillAsync("#aa2200");
        await Page.Locator("#image-HeaderLogo").SetInputFilesAsync(new FilePayload
        {
            Name = "logo.png",
            MimeType = "image/png",
            Buffer = DemoPng.Circle(32, (0x00, 0x33, 0x66), (0xff, 0xcc, 0x00)),
        });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(Page.Locator("[data-flash]")).ToHaveTextAsync("Branding saved. Your clients see it now.");
        await Expect(Page.Locator("#colour-PrimaryButton")).ToHaveValueAsync("#aa2200");
        await Expect(Page.Locator("img[data-stored-image='HeaderLogo']")).ToBeVisibleAsync();
        await ScreenshotAsync("branding-saved");
    }

    [GeneratedRegex("^data:image/png;base64,")]
    private static partial Regex DataUri();
}
