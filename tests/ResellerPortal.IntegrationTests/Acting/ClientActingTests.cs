using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Acting;
using ResellerPortal.Domain.Clients;
using ResellerPortal.IntegrationTests.ClientPortal;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Acting;

/// <summary>
/// Acting as a client's login (§8) over real HTTP: the provider's staff act as any reseller's client, a reseller's
/// admin as its own; the acting lands on the client's portal, wears the banner there (naming the person, never the
/// provider), refuses the client's e-mail and password, records both actors, shows on the client's own list, and
/// returns the actor to the client's page on the staff side.
/// </summary>
public sealed class ClientActingTests(PostgresFixture postgres) : ClientPortalTest(postgres)
{
    private const string Reason = "Ticket 5150: the client cannot find its invoice";
    private const string SupportName = "Support Desk";

    [Fact]
    public async Task Every_actor_role_against_a_client_is_allowed_or_refused_and_a_refusal_changes_nothing()
    {
        var client = await AlphaClientWithLoginAsync("acted-client@example.org");
        var other = await AlphaClientWithLoginAsync("other-client@example.org");
        var login = await LoginOfAsync(client);
        (string Actor, string Page, string Expect)[] cases =
        [
            (DemoSeeder.AdminEmail, $"/clients/{client.Id}", "acts"),
            (DemoSeeder.SupportEmail, $"/clients/{client.Id}", "acts"),
            (DemoSeeder.Reseller1Email, $"/clients/{client.Id}", "acts"),
            (DemoSeeder.Staff1Email, "/dashboard", "403"),
            (DemoSeeder.Reseller2Email, "/dashboard", "404"),
            (other.Email, "/c/alpha/", "403"),
        ];

        var failures = new List<string>();
        foreach (var (actor, page, expect) in cases)
        {
            using var browser = actor == other.Email ? await ClientSignedInAsync("alpha", actor) : await SignedInAsync(actor);
            var before = await SessionsAsync();
            var response = await StartAsync(browser, login, page);
            var after = await SessionsAsync();
            var location = response.Headers.Location?.OriginalString ?? string.Empty;
            var got = response.StatusCode switch
            {
                HttpStatusCode.NotFound => "404",
                HttpStatusCode.Redirect when location.Contains("access-denied", StringComparison.Ordinal) => "403",
                HttpStatusCode.Redirect when location == "/c/alpha/" && after == before + 1 => "acts",
                HttpStatusCode.Redirect => "refused",
                _ => ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if (got != expect || (expect != "acts" && after != before))
            {
                failures.Add($"{actor}: expected {expect}, got {got} ({location}, sessions {before}→{after})");
                continue;
            }

            if (got == "acts")
            {
                var (home, homePage) = await browser.GetPageAsync("/c/alpha/");
                Assert.Equal(HttpStatusCode.OK, home.StatusCode);
                Assert.Equal(client.Email, homePage.QuerySelector("#acting-banner [data-acting-email]")?.TextContent);
                var stop = await browser.SubmitAsync("/c/alpha/", [], "/acting/stop");
                Assert.Equal(HttpStatusCode.Redirect, stop.StatusCode);
                Assert.Equal($"/clients/{client.Id}", stop.Headers.Location!.OriginalString);
                var (back, backPage) = await browser.GetPageAsync(stop.Headers.Location!.OriginalString);
                Assert.Equal(HttpStatusCode.OK, back.StatusCode);
                Assert.Equal(actor, backPage.QuerySelector("[data-current-user]")?.GetAttribute("data-current-user"));
                Assert.Null(backPage.QuerySelector("#acting-banner"));
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_client_s_page_on_the_staff_side_offers_the_button_to_those_who_may_act()
    {
        var client = await AlphaClientWithLoginAsync("button-client@example.org");
        var login = await LoginOfAsync(client);

        foreach (var (actor, shown) in new[] { (DemoSeeder.SupportEmail, true), (DemoSeeder.Reseller1Email, true), (DemoSeeder.Staff1Email, false) })
        {
            using var browser = await SignedInAsync(actor);
            var (response, page) = await browser.GetPageAsync($"/clients/{client.Id}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                // A ResellerUser sees the clients of its operators only; the button is not there either way.
                Assert.False(shown, $"{actor}: {(int)response.StatusCode}");
                continue;
            }

            var row = page.QuerySelector($"#portal-access [data-user='{login}']");
            Assert.True(shown == (row?.QuerySelector("form[action='/acting/start'] [data-act-as]") is not null), actor);
            if (shown)
            {
                Assert.Equal(client.Email, row!.GetAttribute("data-email"));
            }
        }
    }

    [Fact]
    public async Task No_chains_into_or_out_of_a_client()
    {
        var client = await AlphaClientWithLoginAsync("chain-client@example.org");
        var second = await AlphaClientWithLoginAsync("chain-second@example.org");
        var login = await LoginOfAsync(client);
        var reseller1 = await UserIdAsync(DemoSeeder.Reseller1Email);
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);

        // Acting as reseller1, Support cannot go on to a client.
        Assert.Equal(HttpStatusCode.Redirect, (await StartAsync(support, reseller1, "/admin/resellers")).StatusCode);
        var chain = await StartAsync(support, login, "/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, chain.StatusCode);
        Assert.Equal(1, await SessionsAsync());
        await support.SubmitAsync("/dashboard", [], "/acting/stop");

        // Acting as a client, Support cannot go on to another client: a client acts as nobody.
        Assert.Equal("/c/alpha/", (await StartAsync(support, login, $"/clients/{client.Id}")).Headers.Location?.OriginalString);
        var onward = await StartAsync(support, await LoginOfAsync(second), "/c/alpha/");
        Assert.Contains("access-denied", onward.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(2, await SessionsAsync());
        var (_, home) = await support.GetPageAsync("/c/alpha/");
        Assert.Equal(client.Email, home.QuerySelector("#acting-banner [data-acting-email]")?.TextContent);

        // A blocked client's login cannot be used, not even by acting as it.
        await support.SubmitAsync("/c/alpha/", [], "/acting/stop");
        await AsPlatformAsync(async db =>
        {
            var blocked = await db.Clients.SingleAsync(c => c.Id == second.Id);
            blocked.ChangeStatus(ClientStatus.Blocked, Portal.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        var refused = await StartAsync(support, await LoginOfAsync(second), $"/clients/{second.Id}");
        Assert.Equal($"/clients/{second.Id}", refused.Headers.Location?.OriginalString);
        Assert.Equal(2, await SessionsAsync());
    }

    [Fact]
    public async Task The_banner_is_on_every_client_portal_page_naming_the_actor_never_the_provider()
    {
        var client = await AlphaClientWithLoginAsync("banner-client@example.org");
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);
        Assert.Equal("/c/alpha/", (await StartAsync(support, await LoginOfAsync(client), $"/clients/{client.Id}")).Headers.Location?.OriginalString);

        var (_, home) = await support.GetPageAsync("/c/alpha/");
        var links = home.QuerySelectorAll("#client-nav a.nav-link").Select(a => a.GetAttribute("href")!).Distinct().ToList();
        Assert.Contains("/c/alpha/acted-as", links);
        Assert.Contains("/c/alpha/profile", links);
        foreach (var link in links)
        {
            var response = await support.GetAsync(link);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link}: {(int)response.StatusCode}");
            var page = Browser.Parse(html);
            var banner = page.QuerySelector("#acting-banner");
            Assert.True(banner is not null, $"{link} has no acting banner");
            Assert.Equal(client.DisplayName, banner!.QuerySelector("[data-acting-name]")!.TextContent);
            Assert.Equal(client.Email, banner.QuerySelector("[data-acting-email]")!.TextContent);
            Assert.Equal(Reason, banner.QuerySelector("[data-acting-reason]")!.TextContent);
            Assert.Contains(SupportName, banner.QuerySelector("form[action='/acting/stop'] button")!.TextContent, StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector("script[src^='/js/acting.js']"));
            Assert.DoesNotContain(ProductName, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_client_s_e_mail_and_password_are_refused_while_acting_and_logging_out_leaves_the_client_signed_in()
    {
        var client = await AlphaClientWithLoginAsync("refused-client@example.org");
        var login = await LoginOfAsync(client);
        using var own = await ClientSignedInAsync("alpha", client.Email);
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        await StartAsync(owner, login, $"/clients/{client.Id}");
        var before = await AsPlatformAsync(db => db.Users.Where(u => u.Id == login).Select(u => new { u.PasswordHash, u.Email }).SingleAsync());

        var (_, profile) = await owner.GetPageAsync("/c/alpha/profile");
        Assert.NotNull(profile.QuerySelector("[data-not-while-acting]"));
        Assert.Null(profile.QuerySelector("form[action='/c/alpha/profile/password']"));
        var password = await owner.SubmitAsync("/c/alpha/profile",
            [new("Password.CurrentPassword", DemoSeeder.DefaultPassword), new("Password.NewPassword", "Another-pass-1"), new("Password.ConfirmPassword", "Another-pass-1")], "/c/alpha/profile/password");
        var email = await owner.SubmitAsync("/c/alpha/profile",
            [new("Email.NewEmail", "taken-over@example.org"), new("Email.CurrentPassword", DemoSeeder.DefaultPassword)], "/c/alpha/profile/email");
        foreach (var refused in new[] { password, email })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.NotNull(Browser.Parse(html).QuerySelector("[data-not-while-acting]"));
            Assert.DoesNotContain(ProductName, html, StringComparison.OrdinalIgnoreCase);
        }

        var after = await AsPlatformAsync(db => db.Users.Where(u => u.Id == login).Select(u => new { u.PasswordHash, u.Email }).SingleAsync());
        Assert.Equal(before, after);

        // Logging out of the client portal while acting ends the acting and the actor's sessions, never the client's.
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync("/c/alpha/", [], "/c/alpha/logout")).StatusCode);
        Assert.Equal(ActingEnd.SignedOut, await AsPlatformAsync(db => db.ActingSessions.Select(s => s.EndedHow).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/c/alpha/")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await owner.GetAsync("/c/alpha/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.GetAsync("/clients")).StatusCode);
    }

    [Fact]
    public async Task A_write_while_acting_as_a_client_records_both_actors_and_the_client_sees_it_on_its_own_page()
    {
        var client = await AlphaClientWithLoginAsync("written-client@example.org");
        var login = await LoginOfAsync(client);
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);
        await StartAsync(support, login, $"/clients/{client.Id}");

        var (_, profile) = await support.GetPageAsync("/c/alpha/profile");
        var form = profile.QuerySelector("form[action='/c/alpha/profile']")!;
        var fields = Browser.FormFields(form).Where(f => f.Key != "FirstName").Append(new("FirstName", "Actedupon")).ToList();
        var saved = await support.PostAsync("/c/alpha/profile", fields, null);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var session = await AsPlatformAsync(db => db.ActingSessions.SingleAsync());
        var supportId = await UserIdAsync(DemoSeeder.SupportEmail);
        var entry = await AsPlatformAsync(db => db.AuditEntries.SingleAsync(a => a.EntityType == "Client" && a.EntityId == client.Id && a.ActingSessionId != null));
        Assert.Equal((login, supportId, session.Id), (entry.ActorUserId!.Value, entry.RealActorUserId!.Value, entry.ActingSessionId!.Value));

        // The acting list while still acting, then the client's own.
        var (_, whileActing) = await support.GetPageAsync("/c/alpha/acted-as");
        Assert.NotNull(whileActing.QuerySelector($"[data-acting-session='{session.Id}']"));
        await support.SubmitAsync("/c/alpha/", [], "/acting/stop");
        var name = await AsPlatformAsync(db => db.Users.Where(u => u.Id == login).Select(u => u.DisplayName).SingleAsync());

        using var own = await ClientSignedInAsync("alpha", client.Email);
        var response = await own.GetAsync("/c/alpha/acted-as");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(ProductName, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(DemoSeeder.SupportEmail, html, StringComparison.OrdinalIgnoreCase);
        var section = Browser.Parse(html).QuerySelector($"[data-acting-session='{session.Id}']")!;
        Assert.Equal($"{SupportName} as {name}", section.QuerySelector("[data-acting-who]")!.TextContent);
        Assert.Equal(Reason, section.QuerySelector("[data-acting-reason]")!.TextContent);
        Assert.Contains("Actedupon", section.QuerySelector($"[data-audit-id='{entry.Id}']")!.TextContent, StringComparison.Ordinal);

        // The reseller's audit trail says who really did it, in the same words.
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var (_, audit) = await owner.GetPageAsync("/audit?reason=5150");
        Assert.Equal($"{SupportName} as {name}", audit.QuerySelector($"tr[data-audit-id='{entry.Id}'] [data-who]")?.TextContent.Trim());

        // Another client of the same reseller has no such session on its list.
        var other = await AlphaClientWithLoginAsync("not-acted@example.org");
        using var theirs = await ClientSignedInAsync("alpha", other.Email);
        var (_, theirList) = await theirs.GetPageAsync("/c/alpha/acted-as");
        Assert.Null(theirList.QuerySelector($"[data-acting-session='{session.Id}']"));
        Assert.NotNull(theirList.QuerySelector("[data-empty]"));
    }

    [Fact]
    public async Task While_acting_as_a_client_another_client_s_data_stays_out_of_reach()
    {
        var client = await AlphaClientWithLoginAsync("reach-client@example.org");
        var other = await AlphaClientWithLoginAsync("reach-other@example.org");
        var today = DateOnly.FromDateTime(Portal.Clock.GetUtcNow().UtcDateTime);
        await AddBasketItemAsync(other, "Other client's router", today.AddDays(3), hidden: false);
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);
        await StartAsync(support, await LoginOfAsync(client), $"/clients/{client.Id}");

        // The client portal shows the acted-as client's records only.
        foreach (var path in new[] { "/c/alpha/", "/c/alpha/basket", "/c/alpha/profile", "/c/alpha/transactions" })
        {
            var html = await (await support.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("Other client's router", html, StringComparison.Ordinal);
            Assert.DoesNotContain(other.Email, html, StringComparison.Ordinal);
        }

        // The staff side is not reachable as a client, and another reseller's portal does not know this login.
        foreach (var path in new[] { $"/clients/{other.Id}", $"/clients/{client.Id}", "/audit" })
        {
            var response = await support.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
                || response.Headers.Location?.OriginalString.Contains("access-denied", StringComparison.Ordinal) == true, $"{path}: {(int)response.StatusCode}");
        }

        var beta = await support.GetAsync("/c/beta/");
        Assert.Equal("/c/beta/login", beta.Headers.Location?.OriginalString);
        var (_, home) = await support.GetPageAsync("/c/alpha/");
        Assert.NotNull(home.QuerySelector("#acting-banner"));
    }

    [Fact]
    public async Task The_trail_names_a_client_login_by_its_name_or_e_mail_never_by_its_internal_user_name()
    {
        var client = await AlphaClientWithLoginAsync("named-client@example.org");
        var login = await LoginOfAsync(client);
        await AsPlatformAsync(db => db.Users.Where(u => u.Id == login).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, string.Empty)));
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);
        await StartAsync(support, login, $"/clients/{client.Id}");
        var (_, profile) = await support.GetPageAsync("/c/alpha/profile");
        var fields = Browser.FormFields(profile.QuerySelector("form[action='/c/alpha/profile']")!).Where(f => f.Key != "FirstName").Append(new("FirstName", "Nameless")).ToList();
        Assert.Equal(HttpStatusCode.Redirect, (await support.PostAsync("/c/alpha/profile", fields, null)).StatusCode);
        await support.SubmitAsync("/c/alpha/", [], "/acting/stop");
        var entry = await AsPlatformAsync(db => db.AuditEntries.SingleAsync(a => a.EntityType == "Client" && a.EntityId == client.Id && a.ActingSessionId != null));

        var (_, audit) = await support.GetPageAsync("/audit?reason=5150");
        Assert.Equal($"{SupportName} as {client.Email}", audit.QuerySelector($"tr[data-audit-id='{entry.Id}'] [data-who]")?.TextContent.Trim());

        // A login that is gone reads by the name stored on the row, a client's without its internal prefix.
        Assert.Equal(client.Email, Web.Features.Audit.AuditDisplay.LoginName(entry.ActorName));
        Assert.StartsWith("c.", entry.ActorName, StringComparison.Ordinal);
        Assert.Equal(DemoSeeder.SupportEmail, Web.Features.Audit.AuditDisplay.LoginName(DemoSeeder.SupportEmail));
    }

    [Fact]
    public async Task After_the_time_limit_a_client_portal_page_returns_the_actor_to_the_client_s_page()
    {
        var client = await AlphaClientWithLoginAsync("expiring-client@example.org");
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        await StartAsync(owner, await LoginOfAsync(client), $"/clients/{client.Id}");
        Portal.Clock.Advance(TimeSpan.FromMinutes(31));

        var expired = await owner.GetAsync("/c/alpha/basket");

        Assert.Equal($"/clients/{client.Id}", expired.Headers.Location?.OriginalString);
        var (response, page) = await owner.GetPageAsync(expired.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector("#acting-banner"));
        Assert.Equal(DemoSeeder.Reseller1Email, page.QuerySelector("[data-current-user]")?.GetAttribute("data-current-user"));
        Assert.Contains("ended", page.QuerySelector("[data-flash]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(ActingEnd.Expired, await AsPlatformAsync(db => db.ActingSessions.Select(s => s.EndedHow).SingleAsync()));
    }

    private Task<Guid> LoginOfAsync(Client client) =>
        AsPlatformAsync(db => db.Users.Where(u => u.ClientId == client.Id).Select(u => u.Id).SingleAsync());

    private Task<int> SessionsAsync() => AsPlatformAsync(db => db.ActingSessions.CountAsync());

    private static Task<HttpResponseMessage> StartAsync(Browser browser, Guid target, string page) =>
        browser.SubmitAsync(page, [new("userId", target.ToString()), new("reason", Reason), new("returnUrl", page)], "/acting/start");
}
