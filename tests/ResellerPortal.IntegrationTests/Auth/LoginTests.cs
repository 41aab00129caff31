using System.Buffers.Binary;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Auth;

public sealed class LoginTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private const string GenericError = "Invalid email or password";

    [Theory]
    [InlineData(DemoSeeder.AdminEmail, "/admin/resellers")]
    [InlineData(DemoSeeder.SupportEmail, "/admin/resellers")]
    [InlineData(DemoSeeder.Reseller1Email, "/dashboard")]
    [InlineData(DemoSeeder.Staff1Email, "/dashboard")]
    public async Task Each_role_lands_on_its_home_page(string email, string home)
    {
        using var browser = NewBrowser();

        var login = await browser.LoginAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var root = await browser.GetAsync(login.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal(home, root.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(home)).StatusCode);
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_get_the_same_answer()
    {
        using var browser = NewBrowser();

        var unknown = await browser.LoginAsync("nobody@demo.local", "whatever-password");
        var wrong = await browser.LoginAsync(DemoSeeder.Reseller1Email, "whatever-password");

        var unknownText = Browser.Parse(await unknown.Content.ReadAsStringAsync()).QuerySelector(".validation-summary-errors")?.TextContent;
        var wrongText = Browser.Parse(await wrong.Content.ReadAsStringAsync()).QuerySelector(".validation-summary-errors")?.TextContent;
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains(GenericError, unknownText, StringComparison.Ordinal);
        Assert.Equal(unknownText, wrongText);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        using var browser = NewBrowser();
        for (var i = 0; i < 5; i++)
        {
            await browser.LoginAsync(DemoSeeder.Reseller2Email, "not-the-password");
        }

        var right = await browser.LoginAsync(DemoSeeder.Reseller2Email);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(GenericError, await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = Portal.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Users.SingleAsync(u => u.Email == DemoSeeder.Reseller2Email);
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow);
    }

    [Theory]
    [InlineData("https://evil.example/phish", "/")]
    [InlineData("//evil.example/phish", "/")]
    [InlineData("/operators", "/operators")]
    public async Task Login_redirects_only_to_local_addresses(string returnUrl, string expected)
    {
        using var browser = NewBrowser();

        var response = await browser.SubmitAsync(
            "/account/login",
            [new("Email", DemoSeeder.Reseller1Email), new("Password", DemoSeeder.DefaultPassword), new("ReturnUrl", returnUrl)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Passwords_are_hashed_with_at_least_210000_PBKDF2_iterations()
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Users.SingleAsync(u => u.Email == DemoSeeder.AdminEmail);

        // Identity v3 format: 0x01, PRF (4 bytes), iteration count (4 bytes), salt length, salt, subkey.
        var bytes = Convert.FromBase64String(user.PasswordHash!);
        Assert.Equal(0x01, bytes[0]);
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4)) >= 210_000);
    }

    [Fact]
    public async Task Session_cookie_is_http_only_and_same_site()
    {
        using var browser = NewBrowser();

        var response = await browser.LoginAsync(DemoSeeder.AdminEmail);

        // The first Set-Cookie clears any previous session; the last one carries the new ticket.
        var cookie = response.Headers.GetValues("Set-Cookie").Last(c => c.StartsWith("rp.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Each_login_gets_a_new_session_cookie()
    {
        using var browser = NewBrowser();
        await browser.LoginAsync(DemoSeeder.AdminEmail);
        var first = browser.Cookies.GetCookies(new Uri("http://localhost"))["rp.auth"]!.Value;
        var (_, page) = await browser.GetPageAsync("/admin/resellers");
        await browser.PostAsync("/account/logout", [], page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));

        await browser.LoginAsync(DemoSeeder.AdminEmail);
        var second = browser.Cookies.GetCookies(new Uri("http://localhost"))["rp.auth"]!.Value;

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Logging_out_ends_the_session()
    {
        using var browser = await SignedInAsync(DemoSeeder.AdminEmail);

        var (_, page) = await browser.GetPageAsync("/admin/resellers");
        var token = page.QuerySelector("form[action='/account/logout'] input[name=__RequestVerificationToken]")!.GetAttribute("value");
        await browser.PostAsync("/account/logout", [], token);

        var after = await browser.GetAsync("/admin/resellers");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
