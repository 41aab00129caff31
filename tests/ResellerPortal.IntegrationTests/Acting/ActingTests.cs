using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Acting;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Acting;

/// <summary>
/// Acting as another login (§8) over real HTTP: who may act as whom, the reason, the banner on every page, the time
/// limit, what is refused meanwhile, and both actors on every change.
/// </summary>
public sealed class ActingTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private const string Reason = "Ticket 4711: the client list looks wrong";

    private sealed record World(Guid A, Guid B, PortalUser Admin2, PortalUser Support2, PortalUser AdminA, PortalUser AdminA2, PortalUser UserA, PortalUser AdminB, PortalUser UserB);

    [Fact]
    public async Task Every_pair_of_actor_and_target_role_is_allowed_or_refused_by_the_table_and_a_refusal_changes_nothing()
    {
        var w = await BuildAsync();
        (string Actor, string Page, PortalUser Target, string Expect)[] cases =
        [
            (DemoSeeder.AdminEmail, "/admin/resellers", w.Admin2, "refused"),
            (DemoSeeder.AdminEmail, "/admin/resellers", w.Support2, "refused"),
            (DemoSeeder.AdminEmail, "/admin/resellers", w.AdminA, "acts"),
            (DemoSeeder.AdminEmail, "/admin/resellers", w.UserB, "acts"),
            (DemoSeeder.SupportEmail, "/admin/resellers", w.Admin2, "refused"),
            (DemoSeeder.SupportEmail, "/admin/resellers", w.Support2, "refused"),
            (DemoSeeder.SupportEmail, "/admin/resellers", w.AdminB, "acts"),
            (DemoSeeder.SupportEmail, "/admin/resellers", w.UserA, "acts"),
            (w.AdminA.Email!, "/users", w.Admin2, "404"),
            (w.AdminA.Email!, "/users", w.Support2, "404"),
            (w.AdminA.Email!, "/users", w.AdminB, "404"),
            (w.AdminA.Email!, "/users", w.UserB, "404"),
            (w.AdminA.Email!, "/users", w.AdminA2, "acts"),
            (w.AdminA.Email!, "/users", w.UserA, "acts"),
            (w.AdminA.Email!, "/users", w.AdminA, "refused"),
            (w.UserA.Email!, "/dashboard", w.AdminA, "403"),
            (w.UserA.Email!, "/dashboard", w.UserA, "403"),
            (w.UserA.Email!, "/dashboard", w.AdminB, "403"),
            (w.UserA.Email!, "/dashboard", w.Support2, "403"),
        ];

        var failures = new List<string>();
        foreach (var (actor, page, target, expect) in cases)
        {
            using var browser = await SignedInAsync(actor);
            var before = await SessionsAsync();
            var response = await StartAsync(browser, target.Id, Reason, page);
            var (now, banner) = await WhoAsync(browser);
            var after = await SessionsAsync();
            var got = response.StatusCode switch
            {
                HttpStatusCode.NotFound => "404",
                HttpStatusCode.Redirect when response.Headers.Location!.OriginalString.Contains("access-denied", StringComparison.Ordinal) => "403",
                HttpStatusCode.Redirect when now == target.Email && banner && after == before + 1 => "acts",
                HttpStatusCode.Redirect => "refused",
                _ => ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if (got != expect || (expect != "acts" && (now != actor || banner || after != before)))
            {
                failures.Add($"{actor} as {target.Email}: expected {expect}, got {got} (now {now}, banner {banner}, sessions {before}→{after})");
            }

            if (got == "acts")
            {
                var stop = await browser.SubmitAsync("/dashboard", [], "/acting/stop");
                Assert.Equal(HttpStatusCode.Redirect, stop.StatusCode);
                Assert.Equal((actor, false), await WhoAsync(browser));
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_missing_reason_is_refused_and_nothing_changes()
    {
        var w = await BuildAsync();
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);

        var response = await StartAsync(support, w.AdminA.Id, "   ", $"/admin/resellers/{w.A}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/resellers/{w.A}", response.Headers.Location!.OriginalString);
        var (_, page) = await support.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Say why", page.QuerySelector("[data-error]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal((DemoSeeder.SupportEmail, false), await WhoAsync(support));
        Assert.Equal(0, await SessionsAsync());
    }

    [Fact]
    public async Task No_chains_and_never_as_someone_who_is_acting_or_disabled()
    {
        var w = await BuildAsync();
        var disabled = await new UserBuilder("off@actx-a.example.com", Roles.ResellerUser).Of(w.A).Disabled().SaveAsync(Portal);
        using var owner = await SignedInAsync(w.AdminA.Email!);
        Assert.Equal(HttpStatusCode.Redirect, (await StartAsync(owner, w.UserA.Id, Reason, "/users")).StatusCode);
        Assert.Equal((w.UserA.Email, true), await WhoAsync(owner));

        // Acting as the ResellerUser, the owner cannot start acting as a third (the chain is refused, not 403'd: the
        // acting owner is still known to be acting).
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await StartAsync(support, w.AdminA2.Id, Reason, "/admin/resellers")).StatusCode);
        var chain = await StartAsync(support, w.UserB.Id, Reason, "/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, chain.StatusCode);
        Assert.Equal((w.AdminA2.Email, true), await WhoAsync(support));
        await support.SubmitAsync("/dashboard", [], "/acting/stop");

        // The owner is acting right now: nobody may act as them.
        var asImpersonator = await StartAsync(support, w.AdminA.Id, Reason, "/admin/resellers");
        Assert.Equal(HttpStatusCode.Redirect, asImpersonator.StatusCode);
        Assert.Equal((DemoSeeder.SupportEmail, false), await WhoAsync(support));

        var asDisabled = await StartAsync(support, disabled.Id, Reason, "/admin/resellers");
        Assert.Equal(HttpStatusCode.Redirect, asDisabled.StatusCode);
        Assert.Equal((DemoSeeder.SupportEmail, false), await WhoAsync(support));
        Assert.Equal(2, await SessionsAsync());
    }

    [Fact]
    public async Task The_banner_is_on_every_page_while_acting_with_name_email_reason_and_the_way_back()
    {
        var reseller1 = await UserIdAsync(DemoSeeder.Reseller1Email);
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await StartAsync(support, reseller1, Reason, "/admin/resellers")).StatusCode);

        var (_, dashboard) = await support.GetPageAsync("/dashboard");
        var links = dashboard.QuerySelectorAll("#main-nav [data-role-nav] a, #main-nav a[href='/account/acted-as']").Select(a => a.GetAttribute("href")!).Distinct().ToList();
        Assert.Contains("/users", links);
        Assert.Contains("/account/acted-as", links);
        var client = await AsPlatformAsync(db => db.Clients.Where(c => c.ResellerId == db.Resellers.Single(r => r.Slug == "alpha").Id).Select(c => c.Id).FirstAsync());
        links.AddRange(["/dashboard", $"/clients/{client}", "/users/new", "/audit"]);
        foreach (var link in links)
        {
            var (response, page) = await support.GetPageAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link}: {(int)response.StatusCode}");
            var banner = page.QuerySelector("#acting-banner");
            Assert.True(banner is not null, $"{link} has no acting banner");
            Assert.Equal("Alpha Owner", banner!.QuerySelector("[data-acting-name]")!.TextContent);
            Assert.Equal(DemoSeeder.Reseller1Email, banner.QuerySelector("[data-acting-email]")!.TextContent);
            Assert.Equal(Reason, banner.QuerySelector("[data-acting-reason]")!.TextContent);
            Assert.Contains("UTC", banner.QuerySelector("[data-acting-left]")!.TextContent, StringComparison.Ordinal);
            Assert.NotNull(banner.QuerySelector("form[action='/acting/stop'] button"));
            Assert.NotNull(page.QuerySelector("script[src^='/js/acting.js']"));
        }
    }

    [Fact]
    public async Task After_the_time_limit_the_next_request_returns_the_actor_to_their_own_account_with_a_message()
    {
        var w = await BuildAsync();
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await StartAsync(support, w.AdminA.Id, Reason, "/admin/resellers")).StatusCode);
        Portal.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync("/dashboard")).StatusCode);

        Portal.Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await support.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.Equal($"/admin/resellers/{w.A}", expired.Headers.Location!.OriginalString);
        var (response, page) = await support.GetPageAsync(expired.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector("#acting-banner"));
        Assert.Equal(DemoSeeder.SupportEmail, page.QuerySelector("[data-current-user]")!.GetAttribute("data-current-user"));
        Assert.Contains("ended", page.QuerySelector("[data-flash]")!.TextContent, StringComparison.Ordinal);
        var session = await AsPlatformAsync(db => db.ActingSessions.SingleAsync());
        Assert.Equal(ActingEnd.Expired, session.EndedHow);
    }

    [Fact]
    public async Task Changing_the_password_is_refused_while_acting_and_the_target_s_own_sessions_are_unaffected()
    {
        var w = await BuildAsync();
        using var owner = await SignedInAsync(w.AdminA.Email!);
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await StartAsync(support, w.AdminA.Id, Reason, "/admin/resellers")).StatusCode);
        var hash = await AsPlatformAsync(db => db.Users.Where(u => u.Id == w.AdminA.Id).Select(u => u.PasswordHash).SingleAsync());

        var (form, page) = await support.GetPageAsync("/account/password");
        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        Assert.NotNull(page.QuerySelector("[data-not-while-acting]"));
        var post = await support.SubmitAsync("/dashboard",
            [new("CurrentPassword", DemoSeeder.DefaultPassword), new("NewPassword", "Another-pass-1"), new("ConfirmPassword", "Another-pass-1")], "/account/password");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(hash, await AsPlatformAsync(db => db.Users.Where(u => u.Id == w.AdminA.Id).Select(u => u.PasswordHash).SingleAsync()));

        // Logging out while acting ends the actor's sessions, never the owner's.
        Assert.Equal(HttpStatusCode.Redirect, (await support.SubmitAsync("/dashboard", [], "/account/logout")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/users")).StatusCode);
        Assert.Equal(ActingEnd.SignedOut, await AsPlatformAsync(db => db.ActingSessions.Select(s => s.EndedHow).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await support.GetAsync("/admin/resellers")).StatusCode);
    }

    [Fact]
    public async Task A_change_while_acting_records_both_actors_and_shows_on_the_target_s_acted_as_list()
    {
        var w = await BuildAsync();
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await StartAsync(support, w.AdminA.Id, Reason, "/admin/resellers")).StatusCode);

        var (_, form) = await support.GetPageAsync("/packages/new");
        var fields = Browser.FormFields(form.QuerySelector("main form[method=post]")!).Where(f => f.Key != "Name").Append(new("Name", "Acted Package")).ToList();
        var created = await support.PostAsync("/packages/new", fields, null);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var session = await AsPlatformAsync(db => db.ActingSessions.SingleAsync());
        var support1 = await UserIdAsync(DemoSeeder.SupportEmail);
        var entry = await AsPlatformAsync(db => db.AuditEntries.SingleAsync(a => a.EntityType == "Package" && a.ResellerId == w.A));
        Assert.Equal((w.AdminA.Id, support1, session.Id), (entry.ActorUserId!.Value, entry.RealActorUserId!.Value, entry.ActingSessionId!.Value));

        await support.SubmitAsync("/dashboard", [], "/acting/stop");
        var (_, audit) = await support.GetPageAsync($"/audit?reason=4711&realUser=Support");
        var row = audit.QuerySelector($"tr[data-audit-id='{entry.Id}']");
        Assert.NotNull(row);
        Assert.Equal("Support Desk as Owner A", row!.QuerySelector("[data-who]")!.TextContent.Trim());
        Assert.Contains(Reason, row.QuerySelector("[data-acting-reason]")!.TextContent, StringComparison.Ordinal);
        var (_, unrelated) = await support.GetPageAsync("/audit?reason=no-such-reason");
        Assert.Null(unrelated.QuerySelector($"tr[data-audit-id='{entry.Id}']"));

        using var owner = await SignedInAsync(w.AdminA.Email!);
        var (_, actedAs) = await owner.GetPageAsync("/account/acted-as");
        var section = actedAs.QuerySelector($"[data-acting-session='{session.Id}']")!;
        Assert.Equal("Support Desk as Owner A", section.QuerySelector("[data-acting-who]")!.TextContent);
        Assert.Equal(Reason, section.QuerySelector("[data-acting-reason]")!.TextContent);
        Assert.Contains("Acted Package", section.QuerySelector($"[data-audit-id='{entry.Id}'] [data-record-name]")!.TextContent, StringComparison.Ordinal);

        // Another login of the reseller does not see the owner's list.
        using var other = await SignedInAsync(w.AdminA2.Email!);
        var (_, theirs) = await other.GetPageAsync("/account/acted-as");
        Assert.Null(theirs.QuerySelector($"[data-acting-session='{session.Id}']"));
    }

    [Fact]
    public async Task Support_moves_no_money_while_acting_and_PlatformAdmin_may()
    {
        var reseller1 = await UserIdAsync(DemoSeeder.Reseller1Email);
        var client = await AsPlatformAsync(db => db.Clients.Where(c => c.ResellerId == db.Resellers.Single(r => r.Slug == "alpha").Id).Select(c => c.Id).FirstAsync());
        var ledger = await AsPlatformAsync(db => db.LedgerEntries.CountAsync(l => l.ClientId == client));
        KeyValuePair<string, string>[] payment(Guid submission) =>
            [new("Transaction.Kind", "Payment"), new("Transaction.Amount", "10"), new("Transaction.Description", "Paid by phone"), new("Transaction.SubmissionId", submission.ToString())];

        using var support = await SignedInAsync(DemoSeeder.SupportEmail);
        await StartAsync(support, reseller1, Reason, "/admin/resellers");
        var refused = await support.SubmitAsync($"/clients/{client}", payment(Guid.NewGuid()), $"/clients/{client}/transactions");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("moves no money", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ledger, await AsPlatformAsync(db => db.LedgerEntries.CountAsync(l => l.ClientId == client)));
        await support.SubmitAsync("/dashboard", [], "/acting/stop");

        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        await StartAsync(admin, reseller1, Reason, "/admin/resellers");
        var recorded = await admin.SubmitAsync($"/clients/{client}", payment(Guid.NewGuid()), $"/clients/{client}/transactions");
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal(ledger + 1, await AsPlatformAsync(db => db.LedgerEntries.CountAsync(l => l.ClientId == client)));
    }

    private async Task<World> BuildAsync()
    {
        var a = await AsPlatformAsync(db => new ResellerBuilder("actx-a").Named("Acting A").SaveAsync(db));
        var b = await AsPlatformAsync(db => new ResellerBuilder("actx-b").Named("Acting B").SaveAsync(db));
        var opA = await AsPlatformAsync(db => new OperatorBuilder("ActA").Of("actx-a").SaveAsync(db));
        var opB = await AsPlatformAsync(db => new OperatorBuilder("ActB").Of("actx-b").SaveAsync(db));
        return new World(
            a.Id,
            b.Id,
            await new UserBuilder("admin2@actx.example.com", Roles.PlatformAdmin).Named("Second Admin").SaveAsync(Portal),
            await new UserBuilder("support2@actx.example.com", Roles.Support).Named("Second Support").SaveAsync(Portal),
            await new UserBuilder("owner@actx-a.example.com", Roles.ResellerAdmin).Of(a.Id).Named("Owner A").SaveAsync(Portal),
            await new UserBuilder("coowner@actx-a.example.com", Roles.ResellerAdmin).Of(a.Id).Named("Co-owner A").SaveAsync(Portal),
            await new UserBuilder("staff@actx-a.example.com", Roles.ResellerUser).Of(a.Id).Named("Staff A").Seeing(opA.Id).SaveAsync(Portal),
            await new UserBuilder("owner@actx-b.example.com", Roles.ResellerAdmin).Of(b.Id).Named("Owner B").SaveAsync(Portal),
            await new UserBuilder("staff@actx-b.example.com", Roles.ResellerUser).Of(b.Id).Named("Staff B").Seeing(opB.Id).SaveAsync(Portal));
    }

    private Task<int> SessionsAsync() => AsPlatformAsync(db => db.ActingSessions.CountAsync());

    private static Task<HttpResponseMessage> StartAsync(Browser browser, Guid target, string? reason, string page) =>
        browser.SubmitAsync(page, [new("userId", target.ToString()), new("reason", reason ?? string.Empty), new("returnUrl", page)], "/acting/start");

    /// <summary>Who the browser is signed in as, and whether the acting banner shows, on the role's home page.</summary>
    private static async Task<(string? User, bool Banner)> WhoAsync(Browser browser)
    {
        var home = await browser.GetAsync("/");
        if (home.StatusCode != HttpStatusCode.Redirect || home.Headers.Location!.OriginalString.StartsWith("/account/login", StringComparison.Ordinal))
        {
            return (null, false);
        }

        var (_, page) = await browser.GetPageAsync(home.Headers.Location!.OriginalString);
        return (page.QuerySelector("[data-current-user]")?.GetAttribute("data-current-user"), page.QuerySelector("#acting-banner") is not null);
    }
}
