using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Instances;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Resellers;

/// <summary>
/// The reseller's operators page (issue 15, item 8): each operator's domain, its certificate expiry in the
/// instance cards' colours, its instances by state and the users assigned to it, from the test's own data.
/// </summary>
public sealed class OperatorsPageTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private DateOnly Today => DateOnly.FromDateTime(Portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    private async Task<Guid> AddOperatorAsync(string name, string domain, DateOnly? certificateExpiresOn)
    {
        var alpha = await ResellerIdAsync("alpha");
        return await AsPlatformAsync(async db =>
        {
            var op = new Operator(alpha, name, domain, DateTimeOffset.UtcNow);
            op.SetCertificateExpiry(certificateExpiresOn);
            db.Operators.Add(op);
            await db.SaveChangesAsync();
            return op.Id;
        });
    }

    private async Task AssignAsync(string email, string displayName, Guid operatorId)
    {
        var alpha = await ResellerIdAsync("alpha");
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, ResellerId = alpha, CreatedAt = DateTimeOffset.UtcNow };
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            Assert.True((await users.CreateAsync(user, "a long password 1")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.ResellerUser)).Succeeded);
        }

        await AsPlatformAsync(db =>
        {
            db.OperatorAssignments.Add(new OperatorAssignment(alpha, user.Id, operatorId));
            return db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Each_operator_shows_its_domain_certificate_instances_by_state_and_assigned_users()
    {
        var lab = await AddOperatorAsync("Lab", "lab.alpha-test.example.com", Today.AddDays(10));
        await AddOperatorAsync("Old", "old.alpha-test.example.com", Today.AddDays(-1));
        await AddOperatorAsync("Calm", "calm.alpha-test.example.com", Today.AddDays(200));
        await AsPlatformAsync(async db =>
        {
            await new InstanceBuilder("lab-demo-one").Of("alpha", "Lab").In(ClientState.Demo).SaveAsync(db);
            await new InstanceBuilder("lab-demo-two").Of("alpha", "Lab").In(ClientState.Demo).SaveAsync(db);
            await new InstanceBuilder("lab-sold-one").Of("alpha", "Lab").In(ClientState.Sold).SaveAsync(db);
            return 0;
        });
        await AssignAsync("lab.one@alpha.example.com", "Lab Person One", lab);
        await AssignAsync("lab.two@alpha.example.com", "Lab Person Two", lab);
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var (response, page) = await owner.GetPageAsync("/operators");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = page.QuerySelector("tr[data-operator='Lab']")!;
        Assert.Equal("lab.alpha-test.example.com", row.QuerySelector("[data-domain]")!.TextContent.Trim());
        var certificate = row.QuerySelector("[data-cert]")!;
        Assert.Equal("urgent", certificate.GetAttribute("data-cert"));
        Assert.Contains("text-orange", certificate.ClassList);
        Assert.Contains(Today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), certificate.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            [("DEMO", "2"), ("TEST", "0"), ("SOLD", "1")],
            row.QuerySelectorAll("[data-instances-state]").Select(b => (b.GetAttribute("data-instances-state")!, b.GetAttribute("data-count")!)).ToArray());
        Assert.Equal(["Lab Person One", "Lab Person Two"], row.QuerySelectorAll("[data-assigned] [data-user]").Select(u => u.TextContent.Trim()).ToArray());

        var old = page.QuerySelector("tr[data-operator='Old'] [data-cert]")!;
        Assert.Equal("expired", old.GetAttribute("data-cert"));
        Assert.Contains("text-danger", old.ClassList);
        var calm = page.QuerySelector("tr[data-operator='Calm'] [data-cert]")!;
        Assert.Equal("normal", calm.GetAttribute("data-cert"));
        Assert.Contains("text-muted", calm.ClassList);
        Assert.Empty(page.QuerySelectorAll("tr[data-operator='Calm'] [data-user]"));
        Assert.All(page.QuerySelectorAll("tr[data-operator='Calm'] [data-instances-state]"), b => Assert.Equal("0", b.GetAttribute("data-count")));
    }

    [Fact]
    public async Task A_reseller_user_sees_the_counts_of_their_operator_only_and_its_page()
    {
        var lab = await AddOperatorAsync("Lab", "lab.alpha-test.example.com", null);
        await AsPlatformAsync(async db => await new InstanceBuilder("lab-only").Of("alpha", "Lab").In(ClientState.Sold).SaveAsync(db));
        await AssignAsync("lab.user@alpha.example.com", "Lab User", lab);
        using var staff = NewBrowser();
        await staff.LoginAsync("lab.user@alpha.example.com", "a long password 1");

        var (_, page) = await staff.GetPageAsync("/operators");
        var (details, detailsPage) = await staff.GetPageAsync($"/operators/{lab}");

        Assert.Equal(["Lab"], page.QuerySelectorAll("[data-operator]").Select(e => e.GetAttribute("data-operator")!).ToArray());
        Assert.Equal("none", page.QuerySelector("tr[data-operator='Lab'] [data-cert]")!.GetAttribute("data-cert"));
        Assert.Equal("1", page.QuerySelector("tr[data-operator='Lab'] [data-instances-state='SOLD']")!.GetAttribute("data-count"));
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.Equal("lab.alpha-test.example.com", detailsPage.QuerySelector("[data-domain]")!.TextContent.Trim());
        Assert.Equal(["Lab User"], detailsPage.QuerySelectorAll("[data-assigned] [data-user]").Select(u => u.TextContent.Trim()).ToArray());
    }
}
