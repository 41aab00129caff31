using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.TwoFactor;

/// <summary>
/// Two-factor sign-in (issue 13, part 3) over real HTTP: enrolment with a code computed here from the key the
/// page shows, the code step of the login, recovery codes, the lockout, turning it off, and the provider's
/// staff made to enrol when <c>Portal:RequireTwoFactorForStaff</c> is on (as outside ./run.sh).
/// </summary>
public sealed class TwoFactorTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private const string CodeError = "That code did not work";

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Portal:RequireTwoFactorForStaff"] = "true" };

    [Fact]
    public void The_test_code_generator_gives_the_RFC_6238_example() =>
        // RFC 6238 appendix B: the key "12345678901234567890", T = 59 s, SHA-1: 94287082 (its last 6 digits).
        Assert.Equal("287082", Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(59)));

    [Fact]
    public async Task Enrolment_with_a_code_from_the_shown_key_turns_it_on_and_shows_ten_recovery_codes_once()
    {
        using var browser = await SignedInAsync(DemoSeeder.Reseller1Email);
        var (_, security) = await browser.GetPageAsync("/dashboard");
        Assert.NotNull(security.QuerySelector("nav a[href='/account/security']"));

        var (response, page) = await browser.GetPageAsync("/account/security/enrol");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var qr = page.QuerySelector("img[data-qr-code]")!.GetAttribute("src")!;
        Assert.StartsWith("data:image/png;base64,", qr, StringComparison.Ordinal);
        var png = Convert.FromBase64String(qr["data:image/png;base64,".Length..]);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var shownKey = page.QuerySelector("[data-authenticator-key]")!.TextContent.Trim();
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", shownKey);
        // A reload shows the same key (the app may have scanned it already).
        var (_, again) = await browser.GetPageAsync("/account/security/enrol");
        Assert.Equal(shownKey, again.QuerySelector("[data-authenticator-key]")!.TextContent.Trim());

        var codes = await EnrolAsync(browser);

        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[A-Z0-9]{5}-[A-Z0-9]{5}$", c));
        var (_, shownAgain) = await browser.GetPageAsync("/account/security/recovery-codes");
        Assert.Empty(shownAgain.QuerySelectorAll("[data-recovery-code]"));
        Assert.True(await TwoFactorEnabledAsync(DemoSeeder.Reseller1Email));
        // The session was re-issued with the new security stamp: still signed in.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard")).StatusCode);
        var (_, on) = await browser.GetPageAsync("/account/security");
        Assert.Equal("on", on.QuerySelector("[data-two-factor]")!.GetAttribute("data-two-factor"));
        Assert.Equal("10", on.QuerySelector("[data-recovery-codes-left]")!.GetAttribute("data-recovery-codes-left"));
    }

    [Fact]
    public async Task A_wrong_enrolment_code_is_refused_beside_the_field_and_changes_nothing()
    {
        using var browser = await SignedInAsync(DemoSeeder.Reseller1Email);
        var key = await KeyAsync(browser);

        var response = await browser.SubmitAsync("/account/security/enrol", [new("Form.Code", Totp.WrongCode(key))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("does not match", page.QuerySelector("span[data-valmsg-for='Form.Code']")!.TextContent, StringComparison.Ordinal);
        Assert.False(await TwoFactorEnabledAsync(DemoSeeder.Reseller1Email));
    }

    [Fact]
    public async Task Login_asks_for_the_code_after_the_password_and_refuses_a_wrong_one()
    {
        var key = await EnrolledAsync(DemoSeeder.Reseller1Email);
        using var browser = NewBrowser();

        var password = await browser.LoginAsync(DemoSeeder.Reseller1Email);

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Equal("/account/login/code", password.Headers.Location!.OriginalString);
        // The password alone signs nobody in.
        var dashboard = await browser.GetAsync("/dashboard");
        Assert.StartsWith("/account/login", dashboard.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var wrong = await browser.SubmitAsync("/account/login/code", [new("Code", Totp.WrongCode(key))]);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains(CodeError, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var right = await browser.SubmitAsync("/account/login/code", [new("Code", Totp.Code(key))]);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task The_code_step_without_a_password_first_goes_back_to_the_login()
    {
        await EnrolledAsync(DemoSeeder.Reseller1Email);
        using var browser = NewBrowser();

        var code = await browser.GetAsync("/account/login/code");

        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.StartsWith("/account/login", code.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("/code", code.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_new_codes_replace_the_old_ones()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        await KeyAsync(owner);
        var codes = await EnrolAsync(owner);

        using (var browser = NewBrowser())
        {
            await browser.LoginAsync(DemoSeeder.Reseller1Email);
            var (_, codeStep) = await browser.GetPageAsync("/account/login/code");
            Assert.NotNull(codeStep.QuerySelector("a[href='/account/login/recovery']"));
            // Typed in lower case without the dash, as people do.
            var used = await browser.SubmitAsync("/account/login/recovery", [new("RecoveryCode", codes[0].Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant())]);
            Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard")).StatusCode);
        }

        using (var browser = NewBrowser())
        {
            await browser.LoginAsync(DemoSeeder.Reseller1Email);
            var again = await browser.SubmitAsync("/account/login/recovery", [new("RecoveryCode", codes[0])]);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Contains(CodeError, await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Signing in elsewhere leaves the owner's session alone; one code is spent.
        var (_, security) = await owner.GetPageAsync("/account/security");
        Assert.Equal("9", security.QuerySelector("[data-recovery-codes-left]")!.GetAttribute("data-recovery-codes-left"));
        var regenerated = await owner.SubmitAsync("/account/security", [], "/account/security/recovery-codes");
        Assert.Equal("/account/security/recovery-codes", regenerated.Headers.Location!.OriginalString);
        var (_, shown) = await owner.GetPageAsync("/account/security/recovery-codes");
        var fresh = shown.QuerySelectorAll("[data-recovery-code]").Select(e => e.GetAttribute("data-recovery-code")!).ToList();
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(codes));

        using var later = NewBrowser();
        await later.LoginAsync(DemoSeeder.Reseller1Email);
        var old = await later.SubmitAsync("/account/login/recovery", [new("RecoveryCode", codes[1])]);
        Assert.Contains(CodeError, await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var @new = await later.SubmitAsync("/account/login/recovery", [new("RecoveryCode", fresh[0])]);
        Assert.Equal(HttpStatusCode.Redirect, @new.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_login_and_then_the_right_code_is_refused_too()
    {
        var key = await EnrolledAsync(DemoSeeder.Reseller1Email);
        using var browser = NewBrowser();
        await browser.LoginAsync(DemoSeeder.Reseller1Email);

        for (var i = 0; i < 5; i++)
        {
            var wrong = await browser.SubmitAsync("/account/login/code", [new("Code", Totp.WrongCode(key))]);
            Assert.Contains(CodeError, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var right = await browser.SubmitAsync("/account/login/code", [new("Code", Totp.Code(key))]);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(CodeError, await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var user = await AsPlatformAsync(db => db.Users.SingleAsync(u => u.Email == DemoSeeder.Reseller1Email));
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task Wrong_recovery_codes_count_towards_the_lockout()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        await KeyAsync(owner);
        var codes = await EnrolAsync(owner);
        using var browser = NewBrowser();
        await browser.LoginAsync(DemoSeeder.Reseller1Email);

        for (var i = 0; i < 5; i++)
        {
            await browser.SubmitAsync("/account/login/recovery", [new("RecoveryCode", "AAAAA-AAAAA")]);
        }

        var right = await browser.SubmitAsync("/account/login/recovery", [new("RecoveryCode", codes[0])]);
        Assert.Contains(CodeError, await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var user = await AsPlatformAsync(db => db.Users.SingleAsync(u => u.Email == DemoSeeder.Reseller1Email));
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_remembered_browser_skips_the_code_until_the_user_logs_out()
    {
        var key = await EnrolledAsync(DemoSeeder.Reseller1Email);
        using var browser = NewBrowser();
        await browser.LoginAsync(DemoSeeder.Reseller1Email);
        await browser.SubmitAsync("/account/login/code", [new("Code", Totp.Code(key)), new("RememberBrowser", "true")]);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard")).StatusCode);

        // The session cookie ends with the browser; the remembered one stays.
        var session = browser.Cookies.GetCookies(new Uri("http://localhost"))["rp.auth"]!;
        session.Expired = true;
        var again = await browser.LoginAsync(DemoSeeder.Reseller1Email);
        Assert.Equal("/", again.Headers.Location!.OriginalString);

        using var other = NewBrowser();
        var elsewhere = await other.LoginAsync(DemoSeeder.Reseller1Email);
        Assert.Equal("/account/login/code", elsewhere.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Turning_it_off_needs_the_password()
    {
        using var browser = await SignedInAsync(DemoSeeder.Reseller1Email);
        await KeyAsync(browser);
        await EnrolAsync(browser);

        var wrong = await browser.SubmitAsync("/account/security", [new("Disable.Password", "not-the-password")], "/account/security/disable");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var page = Browser.Parse(await wrong.Content.ReadAsStringAsync());
        Assert.Contains("not your password", page.QuerySelector("span[data-valmsg-for='Disable.Password']")!.TextContent, StringComparison.Ordinal);
        Assert.True(await TwoFactorEnabledAsync(DemoSeeder.Reseller1Email));

        var right = await browser.SubmitAsync("/account/security", [new("Disable.Password", DemoSeeder.DefaultPassword)], "/account/security/disable");
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.False(await TwoFactorEnabledAsync(DemoSeeder.Reseller1Email));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard")).StatusCode);

        using var later = NewBrowser();
        var login = await later.LoginAsync(DemoSeeder.Reseller1Email);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData(DemoSeeder.AdminEmail, "/admin/resellers")]
    [InlineData(DemoSeeder.SupportEmail, "/clients")]
    public async Task The_providers_staff_are_taken_to_enrolment_and_reach_nothing_else_until_enrolled(string email, string page)
    {
        using var browser = NewBrowser();

        var login = await browser.LoginAsync(email);

        Assert.Equal("/account/security/enrol", login.Headers.Location!.OriginalString);
        var elsewhere = await browser.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        Assert.Equal("/account/security/enrol", elsewhere.Headers.Location!.OriginalString);
        using var htmx = new HttpRequestMessage(HttpMethod.Get, new Uri(page, UriKind.Relative));
        htmx.Headers.Add("HX-Request", "true");
        var fragment = await browser.Client.SendAsync(htmx);
        Assert.Equal("/account/security/enrol", fragment.Headers.GetValues("HX-Redirect").Single());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/css/site.css")).StatusCode);

        var key = await KeyAsync(browser);
        await EnrolAsync(browser);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(page)).StatusCode);
        using var next = NewBrowser();
        Assert.Equal("/account/login/code", (await next.LoginAsync(email)).Headers.Location!.OriginalString);
        await next.SubmitAsync("/account/login/code", [new("Code", Totp.Code(key))]);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync(page)).StatusCode);
    }

    [Fact]
    public async Task A_reseller_user_is_not_made_to_enrol()
    {
        using var browser = NewBrowser();

        var login = await browser.LoginAsync(DemoSeeder.Staff1Email);

        Assert.Equal("/", login.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard")).StatusCode);
    }

    /// <summary>Opens the enrolment page and reads the key it shows (grouped, lower case) as the base32 key.</summary>
    private static async Task<string> KeyAsync(Browser browser)
    {
        var (_, page) = await browser.GetPageAsync("/account/security/enrol");
        return page.QuerySelector("[data-authenticator-key]")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
    }

    /// <summary>Confirms enrolment with the code the app would show now; the recovery codes shown once.</summary>
    private static async Task<List<string>> EnrolAsync(Browser browser)
    {
        var key = await KeyAsync(browser);
        var enrol = await browser.SubmitAsync("/account/security/enrol", [new("Form.Code", Totp.Code(key))]);
        Assert.Equal(HttpStatusCode.Redirect, enrol.StatusCode);
        Assert.Equal("/account/security/recovery-codes", enrol.Headers.Location!.OriginalString);
        var (_, shown) = await browser.GetPageAsync("/account/security/recovery-codes");
        return [.. shown.QuerySelectorAll("[data-recovery-code]").Select(e => e.GetAttribute("data-recovery-code")!)];
    }

    /// <summary>Enrols the user in a browser of its own and logs that browser out; the key for computing codes.</summary>
    private async Task<string> EnrolledAsync(string email)
    {
        using var browser = await SignedInAsync(email);
        var key = await KeyAsync(browser);
        await EnrolAsync(browser);
        return key;
    }

    private Task<bool> TwoFactorEnabledAsync(string email) =>
        AsPlatformAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync());
}
