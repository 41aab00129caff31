using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Resellers;

/// <summary>The provider's administration of resellers and their staff logins, through the real pages.</summary>
public sealed class ResellerAdministrationTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private static string Message(string html, string field) =>
        Browser.Parse(html).QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? string.Empty;

    [Fact]
    public async Task A_short_name_another_reseller_has_is_refused_beside_the_field_on_create_and_edit()
    {
        var alpha = await ResellerIdAsync("alpha");
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);

        var created = await admin.SubmitAsync("/admin/resellers/new", [new("Name", "Beta Twin"), new("Slug", " BETA ")]);
        var edited = await admin.SubmitAsync($"/admin/resellers/{alpha}/edit", [new("Name", "Alpha"), new("Slug", "beta"), new("IsActive", "true")]);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("Another reseller already has this short name.", Message(await created.Content.ReadAsStringAsync(), "Slug"));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("Another reseller already has this short name.", Message(await edited.Content.ReadAsStringAsync(), "Slug"));
        Assert.False(await AsPlatformAsync(db => db.Resellers.AnyAsync(r => r.Name == "Beta Twin")));
        Assert.Equal("alpha", await AsPlatformAsync(db => db.Resellers.Where(r => r.Id == alpha).Select(r => r.Slug).SingleAsync()));
    }

    [Fact]
    public async Task A_reseller_is_created_and_renamed_keeping_its_own_short_name()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);

        var created = await admin.SubmitAsync("/admin/resellers/new", [new("Name", "Gamma Calls"), new("Slug", "gamma")]);
        var gamma = await ResellerIdAsync("gamma");
        var renamed = await admin.SubmitAsync($"/admin/resellers/{gamma}/edit", [new("Name", "Gamma Voice"), new("Slug", "gamma"), new("IsActive", "false")]);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal($"/admin/resellers/{gamma}", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        var saved = await AsPlatformAsync(db => db.Resellers.SingleAsync(r => r.Id == gamma));
        Assert.Equal(("Gamma Voice", false), (saved.Name, saved.IsActive));
    }

    [Fact]
    public async Task A_login_with_a_taken_email_or_another_reseller_s_operator_is_refused_beside_each_field()
    {
        var alpha = await ResellerIdAsync("alpha");
        var main = await OperatorIdAsync("Main");
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);

        var response = await admin.SubmitAsync($"/admin/resellers/{alpha}/users/new",
            [new("Email", DemoSeeder.Reseller2Email.ToUpperInvariant()), new("DisplayName", "Someone"), new("Role", "ResellerUser"), new("OperatorIds", main.ToString()), new("Password", "long enough 1")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("This email already has a login.", Message(html, "Email"));
        Assert.Equal("Choose operators of this reseller only.", Message(html, "OperatorIds"));
        Assert.False(await AsPlatformAsync(db => db.Users.AnyAsync(u => u.DisplayName == "Someone")));
    }

    [Fact]
    public async Task A_staff_login_is_created_with_its_operators_and_edited_to_another_role()
    {
        var alpha = await ResellerIdAsync("alpha");
        var eu = await OperatorIdAsync("EU");
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);

        var created = await admin.SubmitAsync($"/admin/resellers/{alpha}/users/new",
            [new("Email", "new.staff@alpha.example.com"), new("DisplayName", "New Staff"), new("Role", "ResellerUser"), new("OperatorIds", eu.ToString()), new("Password", "long enough 1")]);
        var id = await UserIdAsync("new.staff@alpha.example.com");
        var assigned = await AsPlatformAsync(db => db.OperatorAssignments.Where(a => a.UserId == id).Select(a => a.OperatorId).ToListAsync());
        var edited = await admin.SubmitAsync($"/admin/users/{id}/edit",
            [new("Email", "new.staff@alpha.example.com"), new("DisplayName", "New Admin"), new("Role", "ResellerAdmin")]);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal([eu], assigned);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal($"/admin/resellers/{alpha}", edited.Headers.Location!.OriginalString);
        await using var scope = Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(id.ToString()))!;
        Assert.Equal(["ResellerAdmin"], await users.GetRolesAsync(user));
        Assert.Equal("New Admin", user.DisplayName);
        Assert.False(await AsPlatformAsync(db => db.OperatorAssignments.AnyAsync(a => a.UserId == id)));
    }

    [Fact]
    public async Task A_client_s_login_is_not_a_staff_login_and_cannot_be_edited_into_one()
    {
        var alpha = await ResellerIdAsync("alpha");
        Guid clientLogin;
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = "portal.client@alpha.example.com", Email = "portal.client@alpha.example.com", EmailConfirmed = true, DisplayName = "Portal Client", ResellerId = alpha, CreatedAt = DateTimeOffset.UtcNow };
            Assert.True((await users.CreateAsync(user, "a long password 1")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Client)).Succeeded);
            clientLogin = user.Id;
        }

        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var page = await admin.GetAsync($"/admin/users/{clientLogin}/edit");
        var post = await admin.SubmitAsync($"/admin/resellers/{alpha}/users/new",
            [new("Email", "portal.client@alpha.example.com"), new("DisplayName", "Hijack"), new("Role", "ResellerAdmin")],
            $"/admin/users/{clientLogin}/edit");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        await using var check = Portal.Services.CreateAsyncScope();
        var manager = check.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.Equal([Roles.Client], await manager.GetRolesAsync((await manager.FindByIdAsync(clientLogin.ToString()))!));
    }
}
