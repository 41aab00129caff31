using ResellerPortal.BrowserTests.Support;
using ResellerPortal.Web.DemoData;
using static Microsoft.Playwright.Assertions;

namespace ResellerPortal.BrowserTests.Auditing;

/// <summary>The audit trail as a reseller's admin reads it: from the menu, filtered by a record type from the list.</summary>
public sealed class AuditTrailPageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_resellers_admin_opens_the_trail_from_the_menu_and_filters_it_by_record_type()
    {
        await Page.SetViewportSizeAsync(1366, 900);
        await SignInAsync(DemoSeeder.Reseller1Email);
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Audit trail", Exact = true }).First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(Url("/audit"));

        await Page.Locator("select#type").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "Operator" });
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await Expect(Page.Locator("#audit tbody tr").First).ToBeVisibleAsync();
        await Expect(Page.Locator("#audit tr[data-audit-entity]:not([data-audit-entity='Operator'])")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#audit [data-record-name]").Filter(new() { HasText = "EU" }).First).ToBeVisibleAsync();
        await Expect(Page.Locator("#audit [data-field=Domain] [data-label]").First).ToHaveTextAsync("Domain hosting the instances:");
        await Expect(Page.Locator("#audit")).Not.ToContainTextAsync("CreatedAt");
        await ScreenshotAsync("audit-trail-1366");

        await Page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync("audit-trail-390");
    }
}
