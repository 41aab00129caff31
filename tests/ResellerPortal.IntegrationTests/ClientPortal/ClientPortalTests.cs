using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Money;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Features.Account;
using ResellerPortal.Web.Features.ClientPortal;

namespace ResellerPortal.IntegrationTests.ClientPortal;

/// <summary>The white-label client portal (issue 12) over real HTTP, database and SMTP.</summary>
public sealed class ClientPortalTests(PostgresFixture postgres) : ClientPortalTest(postgres)
{
    [Fact]
    public async Task Slug_selects_the_reseller_and_an_unknown_slug_is_a_404_naming_nobody()
    {
        using var browser = NewBrowser();
        var (alpha, alphaPage) = await browser.GetPageAsync("/c/alpha/login");
        Assert.Equal(HttpStatusCode.OK, alpha.StatusCode);
        Assert.Contains("Alpha Telecom", alphaPage.Title, StringComparison.Ordinal);

        var (unknown, unknownPage) = await browser.GetPageAsync("/c/no-such-reseller/login");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain(ProductName, unknownPage.Source.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Alpha Telecom", unknownPage.Source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verified_host_name_serves_its_reseller_and_nothing_else()
    {
        using var host = OnHost(DemoSeeder.AlphaHostname);
        var root = await host.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/c/alpha/login", root.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync(new Uri("/c/alpha/login", UriKind.Relative))).StatusCode);

        var other = await host.GetAsync(new Uri("/c/beta/login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain("Beta Voice", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var staff = await host.GetAsync(new Uri("/account/login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, staff.StatusCode);
        Assert.DoesNotContain(ProductName, await staff.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unverified_host_name_is_a_404_until_the_provider_verifies_it()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var betaId = await ResellerIdAsync("beta");
        var add = await admin.SubmitAsync($"/admin/resellers/{betaId}", [new("Hostname", "Portal.Beta-Voice.test")], $"/admin/resellers/{betaId}/hostnames");
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        using var host = OnHost("portal.beta-voice.test");
        var before = await host.GetAsync(new Uri("/c/beta/login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);

        var hostnameId = await AsPlatformAsync(db => db.ResellerHostnames.Where(h => h.Hostname == "portal.beta-voice.test").Select(h => h.Id).SingleAsync());
        var verify = await admin.SubmitAsync($"/admin/resellers/{betaId}", [], $"/admin/resellers/{betaId}/hostnames/{hostnameId}/verify");
        Assert.Equal(HttpStatusCode.Redirect, verify.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync(new Uri("/c/beta/login", UriKind.Relative))).StatusCode);

        // Unique across resellers: Alpha cannot take it.
        var alphaId = await ResellerIdAsync("alpha");
        await admin.SubmitAsync($"/admin/resellers/{alphaId}", [new("Hostname", "portal.beta-voice.test")], $"/admin/resellers/{alphaId}/hostnames");
        Assert.Equal(1, await AsPlatformAsync(db => db.ResellerHostnames.CountAsync(h => h.Hostname == "portal.beta-voice.test")));
    }

    [Fact]
    public async Task Client_signs_in_only_on_its_own_resellers_portal()
    {
        var client = await AlphaClientWithLoginAsync("scoped@example.org");
        using var beta = NewBrowser();
        var onBeta = await ClientLoginAsync(beta, "beta", client.Email);
        Assert.Equal(HttpStatusCode.OK, onBeta.StatusCode);
        Assert.Contains(SignIn.GenericError, await onBeta.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var staff = NewBrowser();
        var onStaff = await staff.LoginAsync(client.Email);
        Assert.Equal(HttpStatusCode.OK, onStaff.StatusCode);
        Assert.Contains(SignIn.GenericError, await onStaff.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A staff login on the client portal fails the same way.
        using var reseller = NewBrowser();
        var staffOnPortal = await ClientLoginAsync(reseller, "alpha", DemoSeeder.Reseller1Email);
        Assert.Contains(SignIn.GenericError, await staffOnPortal.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var alpha = await ClientSignedInAsync("alpha", client.Email);
        var (home, page) = await alpha.GetPageAsync("/c/alpha/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("0.00 EUR", page.QuerySelector("[data-balance]")?.TextContent.Trim());
    }

    [Fact]
    public async Task Client_pages_show_its_own_records_and_name_neither_the_product_nor_another_reseller()
    {
        var client = await AlphaClientWithLoginAsync("pages@example.org");
        var today = DateOnly.FromDateTime(Portal.Clock.GetUtcNow().UtcDateTime);
        await AddBasketItemAsync(client, "Visible router", today.AddDays(5), hidden: false);
        await AddBasketItemAsync(client, "Secret renewal", today.AddDays(5), hidden: true);
        await AddBasketItemAsync(client, "Due hidden item", today, hidden: true);
        using var browser = await ClientSignedInAsync("alpha", client.Email);
        foreach (var path in new[] { "/c/alpha/", "/c/alpha/transactions", "/c/alpha/statements", "/c/alpha/dids", "/c/alpha/basket", "/c/alpha/usage", "/c/alpha/profile", "/c/alpha/no-such-page" })
        {
            var response = await browser.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(path.EndsWith("no-such-page", StringComparison.Ordinal) ? response.StatusCode == HttpStatusCode.NotFound : response.IsSuccessStatusCode, path);
            Assert.DoesNotContain(ProductName, html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Beta Voice", html, StringComparison.Ordinal);
            Assert.DoesNotContain(response.Headers.Concat(response.Content.Headers), h => h.Value.Any(v => v.Contains(ProductName, StringComparison.OrdinalIgnoreCase)));
        }

        var (_, basket) = await browser.GetPageAsync("/c/alpha/basket");
        var items = basket.QuerySelectorAll("[data-basket-item]").Select(r => r.TextContent).ToList();
        Assert.Contains(items, i => i.Contains("Visible router", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Contains("Due hidden item", StringComparison.Ordinal));
        Assert.DoesNotContain(items, i => i.Contains("Secret renewal", StringComparison.Ordinal));

        // No other client's numbers: this client has none.
        var (_, dids) = await browser.GetPageAsync("/c/alpha/dids");
        Assert.Empty(dids.QuerySelectorAll("[data-did]"));
        var (_, usage) = await browser.GetPageAsync("/c/alpha/usage");
        Assert.Equal("No usage recorded.", usage.QuerySelector("[data-usage-empty]")?.TextContent);
    }

    [Fact]
    public async Task Demo_client_sees_its_balance_numbers_and_transactions_with_a_running_balance()
    {
        using var browser = await ClientSignedInAsync("alpha", DemoSeeder.Client1Email);
        var alphaId = await ResellerIdAsync("alpha");
        var client = await AsPlatformAsync(db => db.Clients.SingleAsync(c => c.Email == DemoSeeder.Client1Email && c.ResellerId == alphaId));
        var ownNumbers = await AsPlatformAsync(db => db.Dids.Where(d => db.SubAccounts.Any(s => s.Id == d.SubAccountId && s.ClientId == client.Id)).Select(d => d.Number).OrderBy(n => n).ToListAsync());
        var (_, dids) = await browser.GetPageAsync("/c/alpha/dids");
        Assert.NotEmpty(ownNumbers);
        Assert.Equal(ownNumbers, dids.QuerySelectorAll("[data-did]").Select(d => d.TextContent.Trim()).Order(StringComparer.Ordinal).ToList());

        var (_, tx) = await browser.GetPageAsync("/c/alpha/transactions");
        var running = tx.QuerySelectorAll("[data-running-balance]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(Currencies.Show(client.Balance, client.Currency), running[0]);
    }

    [Fact]
    public async Task Client_cannot_reach_staff_pages_and_staff_cannot_reach_client_pages()
    {
        using var client = await ClientSignedInAsync("alpha", DemoSeeder.Client1Email);
        var otherClient = await AsPlatformAsync(db => db.Clients.Where(c => c.Email != DemoSeeder.Client1Email).Select(c => c.Id).FirstAsync());
        foreach (var path in new[] { "/clients", $"/clients/{otherClient}", "/dashboard", "/admin/resellers", "/dids" })
        {
            var response = await client.GetAsync(path);
            Assert.False(response.IsSuccessStatusCode, path);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                || response.Headers.Location?.OriginalString.Contains("access-denied", StringComparison.Ordinal) == true, $"{path}: {response.StatusCode}");
        }

        // A client of Alpha is not signed in on Beta's portal.
        var beta = await client.GetAsync("/c/beta/");
        Assert.Equal(HttpStatusCode.Redirect, beta.StatusCode);
        Assert.StartsWith("/c/beta/login", beta.Headers.Location?.OriginalString, StringComparison.Ordinal);

        using var staff = await SignedInAsync(DemoSeeder.Reseller1Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/c/alpha/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/c/alpha/transactions")).StatusCode);
    }

    [Fact]
    public async Task Signup_waits_for_activation_is_told_why_and_signs_in_once_activated_and_the_same_email_may_be_a_client_of_two_resellers()
    {
        // client2 is Beta's; the same address signs up at Alpha with its own password.
        var alphaId = await ResellerIdAsync("alpha");
        using var browser = NewBrowser();
        var fields = new Dictionary<string, string>
        {
            ["FirstName"] = "Dora",
            ["LastName"] = "Twice",
            ["Country"] = "GB",
            ["Email"] = DemoSeeder.Client2Email,
            ["Password"] = "alpha-pass-123",
            ["ConfirmPassword"] = "alpha-pass-123",
        };
        var signup = await browser.SubmitAsync("/c/alpha/signup", fields);
        Assert.Equal(HttpStatusCode.Redirect, signup.StatusCode);
        Assert.Equal("/c/alpha/signup/done", signup.Headers.Location?.OriginalString);
        var client = await AsPlatformAsync(db => db.Clients.SingleAsync(c => c.Email == DemoSeeder.Client2Email && c.ResellerId == alphaId));
        Assert.Equal(ClientStatus.Wait, client.Status);
        var mail = Assert.Single(await DeliverAsync());
        Assert.Equal(DemoSeeder.Client2Email, mail.To.Mailboxes.Single().Address);
        Assert.Contains("awaiting activation", mail.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ProductName, mail.Subject + mail.TextBody, StringComparison.OrdinalIgnoreCase);

        // The same address again: the same answer, nothing new made or sent.
        var again = await browser.SubmitAsync("/c/alpha/signup", fields);
        Assert.Equal("/c/alpha/signup/done", again.Headers.Location?.OriginalString);
        Assert.Equal(1, await AsPlatformAsync(db => db.Clients.CountAsync(c => c.Email == DemoSeeder.Client2Email && c.ResellerId == alphaId)));
        Assert.Empty(await DeliverAsync());

        // Wrong password: generic; right password: the reason.
        using var login = NewBrowser();
        Assert.Contains(SignIn.GenericError, await (await ClientLoginAsync(login, "alpha", DemoSeeder.Client2Email, "wrong-password")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var waiting = await ClientLoginAsync(login, "alpha", DemoSeeder.Client2Email, "alpha-pass-123");
        Assert.Equal(HttpStatusCode.OK, waiting.StatusCode);
        Assert.Contains(ClientSignIn.AwaitingActivation, await waiting.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The reseller sees it pending and activates it.
        using var reseller = await SignedInAsync(DemoSeeder.Reseller1Email);
        var (_, dashboard) = await reseller.GetPageAsync("/dashboard");
        Assert.Contains("Pending signups", dashboard.QuerySelector("[data-total=clients-WAIT]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await reseller.SubmitAsync($"/clients/{client.Id}", [], $"/clients/{client.Id}/activate")).StatusCode);

        await ClientSignedInAsync("alpha", DemoSeeder.Client2Email, "alpha-pass-123");
        // Each reseller's login keeps its own password.
        await ClientSignedInAsync("beta", DemoSeeder.Client2Email);
        using var cross = NewBrowser();
        Assert.Contains(SignIn.GenericError, await (await ClientLoginAsync(cross, "beta", DemoSeeder.Client2Email, "alpha-pass-123")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signup_uses_the_client_forms_rules_including_EU_VAT()
    {
        using var browser = NewBrowser();
        var response = await browser.SubmitAsync("/c/alpha/signup", new Dictionary<string, string>
        {
            ["FirstName"] = "Vat",
            ["Company"] = "Vat GmbH",
            ["Country"] = "DE",
            ["Email"] = "vat@example.org",
            ["Password"] = "long-enough-1",
            ["ConfirmPassword"] = "long-enough-1",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("EU business clients need a VAT number.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await AsPlatformAsync(db => db.Clients.AnyAsync(c => c.Email == "vat@example.org")));
    }

    [Fact]
    public async Task Reset_link_uses_the_resellers_own_address_not_the_forged_host_and_works_once()
    {
        var client = await AlphaClientWithLoginAsync("reset@example.org");
        var cookies = new CookieContainer();
        using var forged = OnHost("evil.example", cookies);
        var form = await forged.GetAsync(new Uri("/c/alpha/forgot-password", UriKind.Relative));
        var token = Browser.Parse(await form.Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent([new("Email", client.Email), new("__RequestVerificationToken", token)]);
        var sent = await forged.PostAsync(new Uri("/c/alpha/forgot-password", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var mail = Assert.Single(await DeliverAsync());
        var link = LinkIn(mail);
        Assert.StartsWith($"https://{DemoSeeder.AlphaHostname}/c/alpha/reset-password?", link, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(ProductName, mail.Subject + mail.TextBody, StringComparison.OrdinalIgnoreCase);

        var relative = new Uri(link).PathAndQuery;
        using var browser = NewBrowser();
        var set = await browser.SubmitAsync(relative, [.. Hidden(await browser.GetPageAsync(relative)), new("Password", "brand-new-pass"), new("ConfirmPassword", "brand-new-pass")], "/c/alpha/reset-password");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var completed = Assert.Single(await DeliverAsync());
        Assert.Contains("changed", completed.Subject, StringComparison.OrdinalIgnoreCase);
        await ClientSignedInAsync("alpha", client.Email, "brand-new-pass");

        // The same link again is refused.
        var again = await browser.SubmitAsync(relative, [.. Hidden(await browser.GetPageAsync(relative)), new("Password", "another-pass-1"), new("ConfirmPassword", "another-pass-1")], "/c/alpha/reset-password");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(ClientLogins.LinkExpired, await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_link_expires_and_an_unknown_email_gets_the_same_answer_and_no_mail()
    {
        var client = await AlphaClientWithLoginAsync("expiry@example.org");
        using var browser = NewBrowser();
        var unknown = await browser.SubmitAsync("/c/alpha/forgot-password", [new("Email", "nobody@example.org")]);
        var known = await browser.SubmitAsync("/c/alpha/forgot-password", [new("Email", client.Email)]);
        Assert.Equal(unknown.StatusCode, known.StatusCode);
        Assert.Equal(unknown.Headers.Location, known.Headers.Location);
        var mail = Assert.Single(await DeliverAsync());
        Assert.Equal(client.Email, mail.To.Mailboxes.Single().Address);

        Portal.Clock.Advance(TimeSpan.FromHours(25));
        var relative = new Uri(LinkIn(mail)).PathAndQuery;
        var late = await browser.SubmitAsync(relative, [.. Hidden(await browser.GetPageAsync(relative)), new("Password", "too-late-pass"), new("ConfirmPassword", "too-late-pass")], "/c/alpha/reset-password");
        Assert.Contains(ClientLogins.LinkExpired, await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reseller_invites_a_client_and_a_second_invitation_ends_the_first_link()
    {
        var clientId = await AsPlatformAsync(async db =>
        {
            var alpha = await db.Resellers.SingleAsync(r => r.Slug == "alpha");
            return await db.Clients.Where(c => c.ResellerId == alpha.Id && c.Status == ClientStatus.Active && !db.Users.Any(u => u.ClientId == c.Id)).Select(c => c.Id).FirstAsync();
        });
        using var reseller = await SignedInAsync(DemoSeeder.Reseller1Email);
        var (_, details) = await reseller.GetPageAsync($"/clients/{clientId}");
        Assert.Equal("none", details.QuerySelector("[data-portal-access]")?.GetAttribute("data-portal-access"));
        await reseller.SubmitAsync($"/clients/{clientId}", [], $"/clients/{clientId}/portal-invite");
        var first = LinkIn(Assert.Single(await DeliverAsync()));
        await reseller.SubmitAsync($"/clients/{clientId}", [], $"/clients/{clientId}/portal-invite");
        var second = LinkIn(Assert.Single(await DeliverAsync()));
        Assert.StartsWith($"https://{DemoSeeder.AlphaHostname}/c/alpha/set-password?", second, StringComparison.Ordinal);

        using var browser = NewBrowser();
        var firstPath = new Uri(first).PathAndQuery;
        var stale = await browser.SubmitAsync(firstPath, [.. Hidden(await browser.GetPageAsync(firstPath)), new("Password", "invited-pass-1"), new("ConfirmPassword", "invited-pass-1")], "/c/alpha/set-password");
        Assert.Contains(ClientLogins.LinkExpired, await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var secondPath = new Uri(second).PathAndQuery;
        var ok = await browser.SubmitAsync(secondPath, [.. Hidden(await browser.GetPageAsync(secondPath)), new("Password", "invited-pass-1"), new("ConfirmPassword", "invited-pass-1")], "/c/alpha/set-password");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var email = await AsPlatformAsync(db => db.Clients.Where(c => c.Id == clientId).Select(c => c.Email).SingleAsync());
        await ClientSignedInAsync("alpha", email, "invited-pass-1");
    }

    [Fact]
    public async Task Connect_accepts_a_cross_site_post_only_from_a_registered_origin()
    {
        using var browser = NewBrowser();
        async Task<HttpResponseMessage> PostAsync(string? origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/c/alpha/connect")
            {
                Content = new FormUrlEncodedContent([new("Email", DemoSeeder.Client1Email), new("Password", DemoSeeder.DefaultPassword)]),
            };
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            return await browser.Client.SendAsync(request);
        }

        var none = await PostAsync(null);
        Assert.True(none.StatusCode == HttpStatusCode.Forbidden, await none.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync("https://evil.example")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync("https://www.alpha-site.test.evil.example")).StatusCode);
        var ok = await PostAsync(OpenBrands.Website);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/c/alpha/", ok.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/c/alpha/")).StatusCode);
    }

    [Fact]
    public async Task Signup_is_rate_limited_per_address()
    {
        await using var limited = new Tests.Shared.PortalFactory(Portal.ConnectionString, new Dictionary<string, string?> { ["Portal:SignupsPerIpPerHour"] = "2" })
        {
            Replace = ReplaceServices,
        };
        using var browser = new Browser(limited);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await browser.SubmitAsync("/c/alpha/signup", [new("FirstName", "Rate"), new("Email", "")])).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    private static IEnumerable<KeyValuePair<string, string>> Hidden((HttpResponseMessage, AngleSharp.Html.Dom.IHtmlDocument Page) page) =>
        page.Page.QuerySelectorAll("form input[type=hidden]").Where(i => i.GetAttribute("name") is "User" or "Token")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? string.Empty));
}
