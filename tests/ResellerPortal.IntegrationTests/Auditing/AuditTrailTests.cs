using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Auditing;

public sealed class AuditTrailTests(PostgresFixture postgres) : PortalTest(postgres)
{
    [Fact]
    public async Task Creating_and_renaming_an_operator_records_who_what_and_from_where()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var beta = await ResellerIdAsync("beta");

        var created = await admin.SubmitAsync($"/admin/resellers/{beta}/operators/new", [new("Name", "Backup"), new("Domain", "backup.beta.example.com")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var operatorId = await OperatorIdAsync(beta, "Backup");
        var renamed = await admin.SubmitAsync($"/admin/operators/{operatorId}/edit", [new("Name", "Standby"), new("Domain", "backup.beta.example.com")]);
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);

        var trail = await TrailAsync(operatorId);
        Assert.Equal([AuditAction.Added, AuditAction.Modified], trail.Select(e => e.Action).ToArray());
        Assert.All(trail, e =>
        {
            Assert.Equal(DemoSeeder.AdminEmail, e.ActorName);
            Assert.NotNull(e.ActorUserId);
            Assert.Null(e.RealActorUserId);
            Assert.False(string.IsNullOrEmpty(e.IpAddress));
            Assert.Equal(beta, e.ResellerId);
        });
        var added = JsonSerializer.Deserialize<Dictionary<string, string?[]>>(trail[0].Changes)!;
        Assert.Equal(new string?[] { null, "Backup" }, added["Name"].AsEnumerable());
        var modified = JsonSerializer.Deserialize<Dictionary<string, string?[]>>(trail[1].Changes)!;
        Assert.Equal(new string?[] { "Backup", "Standby" }, modified["Name"].AsEnumerable());
        Assert.False(modified.ContainsKey("Domain"));
    }

    [Fact]
    public async Task A_password_change_is_audited_without_the_hash()
    {
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>();
            var user = (await users.FindByEmailAsync(DemoSeeder.Reseller1Email))!;
            Assert.True((await users.ChangePasswordAsync(user, DemoSeeder.DefaultPassword, "Another-pass-9")).Succeeded);
        }

        var userId = await UserIdAsync(DemoSeeder.Reseller1Email);
        var last = (await TrailAsync(userId)).Last();
        var changes = JsonSerializer.Deserialize<Dictionary<string, string?[]>>(last.Changes)!;
        Assert.Equal(new string?[] { "(old)", "(changed)" }, changes["PasswordHash"].AsEnumerable());
        Assert.DoesNotContain("AQAAAA", last.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Support_sees_the_global_trail()
    {
        await AsPlatformAsync(db => new OperatorBuilder("Audited A").Of("alpha").SaveAsync(db));
        await AsPlatformAsync(db => new OperatorBuilder("Audited B").Of("beta").SaveAsync(db));
        var operators = await AsPlatformAsync(db => db.Operators.CountAsync());
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);

        var (response, page) = await support.GetPageAsync("/audit?type=Operator");

        // Every reseller's operators, each added once.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(operators, page.QuerySelectorAll("tr[data-audit-entity='Operator'][data-audit-action='Added']").Length);
    }

    private async Task<List<AuditEntry>> TrailAsync(Guid entityId)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AuditEntries.Where(a => a.EntityId == entityId).OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync();
    }

    private Task<Guid> OperatorIdAsync(Guid resellerId, string name) =>
        AsPlatformAsync(db => db.Operators.Where(o => o.ResellerId == resellerId && o.Name == name).Select(o => o.Id).SingleAsync());
}
