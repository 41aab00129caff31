using Microsoft.Playwright;
using ResellerPortal.BrowserTests.Support;
using ResellerPortal.Domain;
using ResellerPortal.Web.DemoData;
using static Microsoft.Playwright.Assertions;

namespace ResellerPortal.BrowserTests.Account;

public sealed class SignInTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string GenericError = "Invalid email or password, or the account is temporarily locked. Try again later.";

    public static TheoryData<string, string, string, string[]> DemoRoles => new()
    {
        { Roles.PlatformAdmin, DemoSeeder.AdminEmail, "/admin/resellers", ["Resellers", "Instances", "Keys", "Clients", "Packages", "DIDs", "Audit trail", "Jobs", "Outbox", "Network status", "Billing"] },
        { Roles.Support, DemoSeeder.SupportEmail, "/admin/resellers", ["Resellers", "Instances", "Keys", "Clients", "Packages", "DIDs", "Audit trail", "Jobs"] },
        { Roles.ResellerAdmin, DemoSeeder.Reseller1Email, "/dashboard", ["Dashboard", "Instances", "Keys", "Operators", "Clients", "Packages", "DIDs", "Baskets", "Payments", "Financial report", "Audit trail", "Branding", "Users"] },
        { Roles.ResellerUser, DemoSeeder.Staff1Email, "/dashboard", ["Dashboard", "Instances", "Keys", "Operators", "Clients", "Packages", "DIDs", "Baskets", "Payments", "Financial report"] },
    };

    [Theory]
    [MemberData(nameof(DemoRoles))]
    public async Task Each_role_signs_in_to_its_home_page_sees_only_its_navigation_and_logs_out(
        string role, string email, string home, string[] navigation)
    {
        await SignInAsync(email);

        await Expect(Page).ToHaveURLAsync(Url(home));
        var nav = Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        await Expect(nav.Locator("[data-role-nav]")).ToHaveAttributeAsync("data-role-nav", role);
        await Expect(nav.Locator("[data-role-nav] a")).ToHaveTextAsync(navigation);
        await Expect(nav.Locator("[data-current-user]")).ToHaveAttributeAsync("data-current-user", email);
        await ScreenshotAsync(role);

        await nav.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(Url("/account/login"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(nav.Locator("[data-role-nav]")).ToHaveCountAsync(0);
        await Page.GotoAsync(home);
        await Expect(Page).ToHaveURLAsync(Url($"/account/login?ReturnUrl={Uri.EscapeDataString(home)}"));
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_get_the_same_generic_message()
    {
        await SubmitLoginAsync(DemoSeeder.Reseller2Email, "Wrong!2345");
        var wrongPassword = await FailedLoginAsync(DemoSeeder.Reseller2Email);

        await SubmitLoginAsync("nobody@demo.local", "Wrong!2345");
        var unknownEmail = await FailedLoginAsync("nobody@demo.local");

        Assert.Equal(wrongPassword, unknownEmail);
    }

    /// <summary>Checks the page a failed login leads to and returns all the text it shows.</summary>
    private async Task<string> FailedLoginAsync(string email)
    {
        var alert = Page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToHaveTextAsync(GenericError);
        await Expect(Page).ToHaveURLAsync(Url("/account/login"));
        await Expect(Page.GetByLabel("Email", new() { Exact = true })).ToHaveValueAsync(email);
        await Expect(Page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync(string.Empty);
        await Expect(Page.Locator("[data-role-nav]")).ToHaveCountAsync(0);
        return await Page.Locator("main").InnerTextAsync();
    }
}
