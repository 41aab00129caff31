using System.Net;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Auth;

/// <summary>Every staff role reaches its own password and account-security pages from the user menu, outside the role's navigation.</summary>
public sealed class AccountNavigationTests(PostgresFixture postgres) : PortalTest(postgres)
{
    [Theory]
    [InlineData(DemoSeeder.AdminEmail)]
    [InlineData(DemoSeeder.SupportEmail)]
    [InlineData(DemoSeeder.Reseller1Email)]
    [InlineData(DemoSeeder.Staff1Email)]
    public async Task The_user_menu_leads_to_the_password_and_security_pages(string email)
    {
        using var browser = await SignedInAsync(email);
        var home = await browser.GetAsync("/");
        var (_, page) = await browser.GetPageAsync(home.Headers.Location?.OriginalString ?? "/");

        var links = page.QuerySelectorAll("#main-nav a[data-account-nav]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(["/account/password", "/account/security"], links);
        Assert.Empty(page.QuerySelectorAll("[data-role-nav] a[data-account-nav]"));
        var (password, passwordPage) = await browser.GetPageAsync(links[0]);
        Assert.Equal(HttpStatusCode.OK, password.StatusCode);
        Assert.NotNull(passwordPage.QuerySelector("main form[method=post][action='/account/password'] input[type=password]"));
        var (security, securityPage) = await browser.GetPageAsync(links[1]);
        Assert.Equal(HttpStatusCode.OK, security.StatusCode);
        Assert.NotNull(securityPage.QuerySelector("main [data-two-factor]"));
    }
}
