using ResellerPortal.BrowserTests.Support;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Jobs;
using static Microsoft.Playwright.Assertions;

namespace ResellerPortal.BrowserTests.Jobs;

/// <summary>Hangfire's dashboard in a real browser, under the portal's Content-Security-Policy: no console errors.</summary>
public sealed class JobsDashboardTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task PlatformAdmin_opens_the_dashboard_from_the_menu_and_triggers_a_recurring_job_without_a_policy_violation()
    {
        await SignInAsync(DemoSeeder.AdminEmail);
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Operations", Exact = true }).ClickAsync();
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Jobs", Exact = true }).First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(Url("/admin/jobs"));
        // The realtime chart draws (Chart.js adds its stylesheet at run time).
        await Expect(Page.Locator("canvas").First).ToBeVisibleAsync();
        await ScreenshotAsync("jobs-dashboard");

        await Page.GotoAsync("/admin/jobs/recurring");
        foreach (var id in JobRegistration.RecurringJobIds)
        {
            await Expect(Page.Locator($"input.js-jobs-list-checkbox[value='{id}']")).ToHaveCountAsync(1);
        }

        await Page.Locator($"input.js-jobs-list-checkbox[value='{NetworkStatusJob.Id}']").CheckAsync();
        var trigger = Page.WaitForResponseAsync(r => r.Url.EndsWith("/admin/jobs/recurring/trigger", StringComparison.Ordinal));
        await Page.Locator("button.js-jobs-list-command[data-url$='/recurring/trigger']").ClickAsync();
        Assert.Equal(204, (await trigger).Status);
        await ScreenshotAsync("jobs-recurring");
    }
}
