using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ResellerPortal.BrowserTests.Support;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;
using static Microsoft.Playwright.Assertions;

namespace ResellerPortal.BrowserTests.Operators;

public sealed class OperatorAccessTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Reseller_user_sees_only_the_assigned_operator_and_another_operator_address_is_not_found()
    {
        var usOperatorId = await OperatorIdAsync("alpha", "US");
        await SignInAsync(DemoSeeder.Staff1Email);
        await Expect(Page).ToHaveURLAsync(Url("/dashboard"));

        await Page.GetByRole(AriaRole.Link, new() { Name = "Operators", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(Url("/operators"));
        await Expect(Page.Locator("#operators tbody tr td:first-child")).ToHaveTextAsync(["EU"]);
        await Page.GetByRole(AriaRole.Link, new() { Name = "EU", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("EU");

        var response = await Page.GotoAsync($"/operators/{usOperatorId}");

        Assert.Equal(404, response!.Status);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await Expect(Page.Locator("main")).Not.ToContainTextAsync("us.alpha-live");
        await Expect(Page.Locator("[data-role-nav]")).ToHaveAttributeAsync("data-role-nav", "ResellerUser");
    }

    private async Task<Guid> OperatorIdAsync(string resellerSlug, string operatorName)
    {
        await using var scope = Fixture.Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UsePlatform();
        return await (from o in db.Operators
                      join r in db.Resellers on o.ResellerId equals r.Id
                      where r.Slug == resellerSlug && o.Name == operatorName
                      select o.Id).SingleAsync();
    }
}
