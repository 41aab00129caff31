using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Users;

/// <summary>
/// A reseller's admin manages its own staff logins (§1): invitations with a single-use, time-limited set-password
/// link; role, operators, disabling; the last admin kept; nothing of another reseller or of the provider reachable.
/// </summary>
public sealed partial class UserManagementTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private const string NewPassword = "Chosen-by-me-1";

    [Fact]
    public async Task An_invitation_link_sets_the_password_once_and_the_new_user_signs_in()
    {
        var (a, _, owner, _, op) = await BuildAsync();
        using var browser = await SignedInAsync(owner.Email!);
        var (_, dashboard) = await browser.GetPageAsync("/dashboard");
        Assert.Equal("/users/new", dashboard.QuerySelector("#quick-new-user")!.GetAttribute("href"));

        var invited = await browser.SubmitAsync("/users/new",
            [new("Email", "new@usr-a.example.com"), new("DisplayName", "New Person"), new("Role", "ResellerUser"), new("OperatorIds", op.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var (_, list) = await browser.GetPageAsync("/users");
        var row = list.QuerySelector("tr[data-email='new@usr-a.example.com']")!;
        Assert.Equal("Invited", row.QuerySelector("[data-status]")!.TextContent);
        var user = await AsPlatformAsync(db => db.Users.SingleAsync(u => u.Email == "new@usr-a.example.com"));
        Assert.Equal(user.Id.ToString(), row.GetAttribute("data-user"));
        Assert.Equal((a, (string?)null), (user.ResellerId!.Value, user.PasswordHash));

        var link = await LinkAsync("new@usr-a.example.com");
        using var invitee = NewBrowser();
        var (shown, form) = await invitee.GetPageAsync(link);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.NotNull(form.QuerySelector("input[name=Token]"));

        var mismatch = await invitee.SubmitAsync(link, Fill(form, NewPassword, "Something-else-1"), "/account/set-password");
        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        var set = await invitee.SubmitAsync(link, Fill(form, NewPassword, NewPassword), "/account/set-password");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await invitee.LoginAsync("new@usr-a.example.com", NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await invitee.GetAsync("/dashboard")).StatusCode);

        // The same link again: used.
        using var again = NewBrowser();
        var (_, used) = await again.GetPageAsync(link);
        Assert.NotNull(used.QuerySelector("[data-link-invalid]"));
        Assert.Null(used.QuerySelector("input[name=Password]"));
        var replay = await again.SubmitAsync("/account/login", Fill(form, "Replayed-pass-1", "Replayed-pass-1"), "/account/set-password");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("already been used", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await NewBrowser().LoginAsync("new@usr-a.example.com", NewPassword)).StatusCode);
    }

    [Fact]
    public async Task An_invitation_link_expires_and_a_new_invitation_replaces_it()
    {
        var (_, _, owner, _, _) = await BuildAsync();
        using var browser = await SignedInAsync(owner.Email!);
        await browser.SubmitAsync("/users/new", [new("Email", "late@usr-a.example.com"), new("DisplayName", "Late Person"), new("Role", "ResellerAdmin")]);
        var link = await LinkAsync("late@usr-a.example.com");

        Portal.Clock.Advance(TimeSpan.FromHours(73));
        using var invitee = NewBrowser();
        var (_, expired) = await invitee.GetPageAsync(link);
        Assert.Contains("expired", expired.QuerySelector("[data-link-invalid]")!.TextContent, StringComparison.Ordinal);

        var user = await UserIdAsync("late@usr-a.example.com");
        using var owner2 = await SignedInAsync(owner.Email!);
        Assert.Equal(HttpStatusCode.Redirect, (await owner2.SubmitAsync("/users", [], $"/users/{user}/invite")).StatusCode);
        var fresh = await LinkAsync("late@usr-a.example.com");
        Assert.NotEqual(link, fresh);
        var (_, form) = await invitee.GetPageAsync(fresh);
        Assert.NotNull(form.QuerySelector("input[name=Password]"));
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_disabled_or_demoted()
    {
        var (a, _, owner, staff, op) = await BuildAsync();
        using var browser = await SignedInAsync(owner.Email!);

        var disable = await browser.SubmitAsync("/users", [], $"/users/{owner.Id}/disable");
        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        var (_, list) = await browser.GetPageAsync("/users");
        Assert.Contains("at least one active ResellerAdmin", list.QuerySelector("[data-error]")!.TextContent, StringComparison.Ordinal);
        var demote = await browser.SubmitAsync($"/users/{owner.Id}/edit", [new("Role", "ResellerUser"), new("OperatorIds", op.ToString())]);
        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        Assert.Contains("at least one active ResellerAdmin", await demote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((false, Roles.ResellerAdmin), await StateAsync(owner.Id));

        // With a second admin, the first may step down; then the second is the last.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync($"/users/{staff.Id}/edit", [new("Role", "ResellerAdmin")])).StatusCode);
        Assert.Equal((false, Roles.ResellerAdmin), await StateAsync(staff.Id));
        using var second = await SignedInAsync(staff.Email!);
        Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitAsync($"/users/{owner.Id}/edit", [new("Role", "ResellerUser"), new("OperatorIds", op.ToString())])).StatusCode);
        Assert.Equal((false, Roles.ResellerUser), await StateAsync(owner.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitAsync("/users", [], $"/users/{staff.Id}/disable")).StatusCode);
        Assert.Equal((false, Roles.ResellerAdmin), await StateAsync(staff.Id));
        Assert.Equal(a, await AsPlatformAsync(db => db.Users.Where(u => u.Id == staff.Id).Select(u => u.ResellerId!.Value).SingleAsync()));
    }

    [Fact]
    public async Task A_disabled_user_s_open_session_ends_and_re_enabling_lets_them_sign_in_again()
    {
        var (_, _, owner, staff, _) = await BuildAsync();
        using var staffBrowser = await SignedInAsync(staff.Email!);
        Assert.Equal(HttpStatusCode.OK, (await staffBrowser.GetAsync("/dashboard")).StatusCode);
        using var browser = await SignedInAsync(owner.Email!);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync("/users", [], $"/users/{staff.Id}/disable")).StatusCode);

        var after = await staffBrowser.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await NewBrowser().LoginAsync(staff.Email!)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync("/users", [], $"/users/{staff.Id}/enable")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await NewBrowser().LoginAsync(staff.Email!)).StatusCode);
    }

    [Fact]
    public async Task Another_reseller_s_users_and_the_provider_s_staff_are_not_found()
    {
        var (_, b, owner, _, op) = await BuildAsync();
        var otherOwner = await new UserBuilder("owner@usr-b.example.com", Roles.ResellerAdmin).Of(b).SaveAsync(Portal);
        var support = await UserIdAsync(DemoSeeder.SupportEmail);
        using var browser = await SignedInAsync(owner.Email!);

        var (_, list) = await browser.GetPageAsync("/users");
        Assert.Null(list.QuerySelector($"tr[data-user='{otherOwner.Id}']"));
        Assert.Null(list.QuerySelector($"tr[data-user='{support}']"));
        foreach (var id in new[] { otherOwner.Id, support })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/users/{id}/edit")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.SubmitAsync("/users", [new("Role", "ResellerUser"), new("OperatorIds", op.ToString())], $"/users/{id}/edit")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.SubmitAsync("/users", [], $"/users/{id}/disable")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.SubmitAsync("/users", [], $"/users/{id}/invite")).StatusCode);
        }

        Assert.Equal((false, Roles.ResellerAdmin), await StateAsync(otherOwner.Id));
        Assert.Equal((false, Roles.Support), await StateAsync(support));

        // Operators of another reseller cannot be assigned either.
        var foreign = await AsPlatformAsync(db => new OperatorBuilder("UsrB2").Of("usr-b").SaveAsync(db));
        var refused = await browser.SubmitAsync("/users/new", [new("Email", "x@usr-a.example.com"), new("DisplayName", "X"), new("Role", "ResellerUser"), new("OperatorIds", foreign.Id.ToString())]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.False(await AsPlatformAsync(db => db.Users.AnyAsync(u => u.Email == "x@usr-a.example.com")));

        // Reseller staff do not manage users at all.
        using var staffBrowser = await SignedInAsync(DemoSeeder.Staff1Email);
        var denied = await staffBrowser.GetAsync("/users");
        Assert.Contains("access-denied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private async Task<(Guid A, Guid B, PortalUser Owner, PortalUser Staff, Guid Operator)> BuildAsync()
    {
        var a = await AsPlatformAsync(db => new ResellerBuilder("usr-a").Named("Users A").SaveAsync(db));
        var b = await AsPlatformAsync(db => new ResellerBuilder("usr-b").Named("Users B").SaveAsync(db));
        var op = await AsPlatformAsync(db => new OperatorBuilder("UsrA").Of("usr-a").SaveAsync(db));
        await AsPlatformAsync(db => new OperatorBuilder("UsrB").Of("usr-b").SaveAsync(db));
        var owner = await new UserBuilder("owner@usr-a.example.com", Roles.ResellerAdmin).Of(a.Id).Named("Owner A").SaveAsync(Portal);
        var staff = await new UserBuilder("staff@usr-a.example.com", Roles.ResellerUser).Of(a.Id).Named("Staff A").Seeing(op.Id).SaveAsync(Portal);
        return (a.Id, b.Id, owner, staff, op.Id);
    }

    private Task<(bool Disabled, string? Role)> StateAsync(Guid id) =>
        AsPlatformAsync(async db => (
            await db.Users.Where(u => u.Id == id).Select(u => u.IsDisabled).SingleAsync(),
            await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name).SingleOrDefaultAsync()));

    /// <summary>The set-password link of the newest invitation mail to <paramref name="email"/>, as a local URL.</summary>
    private async Task<string> LinkAsync(string email)
    {
        var body = await AsPlatformAsync(db => db.OutboxMessages.Where(m => m.To == email).OrderByDescending(m => m.CreatedAt).Select(m => m.Body).FirstAsync());
        var url = new Uri(LinkPattern().Match(body).Value);
        return url.PathAndQuery;
    }

    private static KeyValuePair<string, string>[] Fill(AngleSharp.Html.Dom.IHtmlDocument form, string password, string confirm) =>
    [
        new("User", form.QuerySelector("input[name=User]")!.GetAttribute("value")!),
        new("Token", form.QuerySelector("input[name=Token]")!.GetAttribute("value")!),
        new("Password", password),
        new("ConfirmPassword", confirm),
    ];

    [GeneratedRegex(@"https?://\S+/account/set-password\?\S+")]
    private static partial Regex LinkPattern();
}
