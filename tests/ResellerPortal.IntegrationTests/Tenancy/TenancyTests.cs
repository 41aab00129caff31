using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Tenancy;

namespace ResellerPortal.IntegrationTests.Tenancy;

public sealed class TenancyTests(PostgresFixture postgres) : PortalTest(postgres)
{
    [Fact]
    public async Task Reseller_user_sees_only_the_operators_assigned_to_them()
    {
        var ids = await OperatorIdsAsync();
        using var staff = await SignedInAsync(DemoSeeder.Staff1Email);

        var (list, page) = await staff.GetPageAsync("/operators");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(["EU"], page.QuerySelectorAll("[data-operator]").Select(e => e.GetAttribute("data-operator")!).ToArray());
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/operators/{ids["Alpha/EU"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/operators/{ids["Alpha/US"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/operators/{ids["Beta/Main"]}")).StatusCode);
    }

    [Fact]
    public async Task Reseller_admin_sees_all_own_operators_and_gets_404_for_another_resellers()
    {
        var ids = await OperatorIdsAsync();
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var (_, page) = await owner.GetPageAsync("/operators");

        Assert.Equal(["EU", "US"], page.QuerySelectorAll("[data-operator]").Select(e => e.GetAttribute("data-operator")!).ToArray());
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/operators/{ids["Alpha/US"]}")).StatusCode);
        var foreign = await owner.GetAsync($"/operators/{ids["Beta/Main"]}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain("live.beta-voice", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DemoSeeder.Reseller1Email, "/admin/resellers")]
    [InlineData(DemoSeeder.Staff1Email, "/admin/audit")]
    [InlineData(DemoSeeder.Reseller2Email, "/admin/jobs")]
    [InlineData(DemoSeeder.SupportEmail, "/admin/outbox")]
    [InlineData(DemoSeeder.AdminEmail, "/operators")]
    public async Task A_role_is_refused_pages_outside_its_rights(string email, string url)
    {
        using var browser = await SignedInAsync(email);

        var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Support_can_read_resellers_but_not_create_one()
    {
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);
        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync("/admin/resellers")).StatusCode);

        var (_, listPage) = await support.GetPageAsync("/admin/resellers");
        var token = listPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var create = await support.PostAsync("/admin/resellers/new", [new("Name", "Sneaky"), new("Slug", "sneaky")], token);

        Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
        Assert.StartsWith("/account/access-denied", create.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UsePlatform();
        Assert.False(await db.Resellers.AnyAsync(r => r.Slug == "sneaky"));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_login_page()
    {
        using var anonymous = NewBrowser();

        var response = await anonymous.GetAsync("/operators");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_context_without_a_tenant_sees_nothing()
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        Assert.Equal(0, await db.Operators.CountAsync());
        Assert.Equal(0, await db.OperatorAssignments.CountAsync());
    }

    [Fact]
    public async Task Writing_a_row_of_another_tenant_is_refused_by_the_data_layer()
    {
        var ids = await OperatorIdsAsync();
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var alpha = await ResellerIdAsync("alpha");
        var beta = await ResellerIdAsync("beta");
        db.Tenant.UseReseller(alpha);

        db.Operators.Add(new Operator(beta, "Injected", "x.example.com", DateTimeOffset.UtcNow));
        await Assert.ThrowsAsync<TenantViolationException>(() => db.SaveChangesAsync());

        db.ChangeTracker.Clear();
        var betaOperator = await db.Operators.IgnoreQueryFilters().SingleAsync(o => o.Id == ids["Beta/Main"]);
        betaOperator.Rename("Hijacked");
        await Assert.ThrowsAsync<TenantViolationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_new_row_is_stamped_with_the_current_tenant()
    {
        var alpha = await ResellerIdAsync("alpha");
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UseReseller(alpha);
        var users = await db.Users.Where(u => u.Email == DemoSeeder.Staff1Email).Select(u => u.Id).SingleAsync();
        var us = await db.Operators.SingleAsync(o => o.Name == "US");

        var assignment = new OperatorAssignment(Guid.Empty, users, us.Id);
        db.OperatorAssignments.Add(assignment);
        await db.SaveChangesAsync();

        Assert.Equal(alpha, assignment.ResellerId);
    }

    private Task<Dictionary<string, Guid>> OperatorIdsAsync() =>
        AsPlatformAsync(db => (from o in db.Operators
                               join r in db.Resellers on o.ResellerId equals r.Id
                               select new { Key = (r.Slug == "alpha" ? "Alpha/" : "Beta/") + o.Name, o.Id })
            .ToDictionaryAsync(x => x.Key, x => x.Id));
}
