using Microsoft.Playwright;
using ResellerPortal.BrowserTests.Support;
using ResellerPortal.Web.DemoData;
using static Microsoft.Playwright.Assertions;

namespace ResellerPortal.BrowserTests.Reports;

public sealed class FinancialReportTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_reseller_opens_the_financial_report_and_sees_the_chart_drawn_above_its_table()
    {
        await SignInAsync(DemoSeeder.Reseller1Email);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Money", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Financial report", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/reports/financial$"));

        // The chart script (an external file under the CSP) drew on the canvas: Chart.js sizes it and marks it.
        var canvas = Page.Locator("canvas[data-financial-chart=EUR]");
        await Expect(canvas).ToHaveAttributeAsync("data-rendered", "true");
        var box = await canvas.BoundingBoxAsync();
        Assert.True(box is { Width: > 100, Height: > 100 }, "The chart has a size.");
        var painted = await canvas.EvaluateAsync<bool>("c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; } return false; }");
        Assert.True(painted, "Something was drawn on the chart's canvas.");
        await Expect(Page.Locator("[data-financial-table=EUR] tbody tr")).Not.ToHaveCountAsync(0);
    }
}
