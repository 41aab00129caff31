using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Data;

/// <summary>
/// The demo data is what the README's "Demo logins" section describes. The one test that reads the
/// seeder's numbers: every other test builds the data it asserts on (Support/*Builder).
/// </summary>
public sealed class DemoSeedTests(PostgresFixture postgres) : PortalTest(postgres)
{
    [Fact]
    public async Task The_demo_data_is_what_the_README_describes()
    {
        var today = DateOnly.FromDateTime(Portal.Clock.GetUtcNow().UtcDateTime);
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UsePlatform();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var alpha = await db.Resellers.SingleAsync(r => r.Slug == "alpha");
        var beta = await db.Resellers.SingleAsync(r => r.Slug == "beta");
        Assert.Equal("Alpha Telecom", alpha.Name);
        Assert.Equal("Beta Voice", beta.Name);

        // The logins table: role, reseller and (for staff1) the one operator.
        foreach (var (email, role, reseller) in new[]
        {
            (DemoSeeder.AdminEmail, Roles.PlatformAdmin, (Guid?)null), (DemoSeeder.SupportEmail, Roles.Support, null),
            (DemoSeeder.Reseller1Email, Roles.ResellerAdmin, alpha.Id), (DemoSeeder.Reseller2Email, Roles.ResellerAdmin, beta.Id),
            (DemoSeeder.Staff1Email, Roles.ResellerUser, alpha.Id),
        })
        {
            var user = (await users.FindByEmailAsync(email))!;
            Assert.Equal([role], await users.GetRolesAsync(user));
            Assert.Equal(reseller, user.ResellerId);
            Assert.True(await users.CheckPasswordAsync(user, DemoSeeder.DefaultPassword), email);
        }

        var operators = await db.Operators.ToListAsync();
        Assert.Equal(["EU", "US"], operators.Where(o => o.ResellerId == alpha.Id).Select(o => o.Name).Order());
        Assert.Equal(["Main"], operators.Where(o => o.ResellerId == beta.Id).Select(o => o.Name));
        var eu = operators.Single(o => o.Name == "EU");
        var us = operators.Single(o => o.Name == "US");
        var staff1 = (await users.FindByEmailAsync(DemoSeeder.Staff1Email))!;
        Assert.Equal([eu.Id], await db.OperatorAssignments.Where(a => a.UserId == staff1.Id).Select(a => a.OperatorId).ToListAsync());
        // EU orange (12 days), US red (expired).
        Assert.Equal(today.AddDays(12), eu.CertificateExpiresOn);
        Assert.True(us.CertificateExpiresOn < today);

        // About 40 instances for Alpha in every state and mode, with the listed special cases; a handful for Beta.
        var instances = await db.Instances.IgnoreQueryFilters().ToListAsync();
        var alphas = instances.Where(i => i.ResellerId == alpha.Id).ToList();
        Assert.InRange(alphas.Count, 35, 45);
        Assert.Equal(Enum.GetValues<ClientState>().Order(), alphas.Select(i => i.State).Distinct().Order());
        Assert.Equal(Enum.GetValues<ClientMode>().Order(), alphas.Select(i => i.Mode).Distinct().Order());
        Assert.Contains(alphas, i => i.State == ClientState.Demo && i.CreatedAt < Portal.Clock.GetUtcNow().AddDays(-30));
        Assert.Equal(new[] { eu.Id, us.Id }.Order(), alphas.Where(i => i.State == ClientState.Test && !i.IsDeleted).Select(i => i.OperatorId).Order());
        Assert.Single(alphas, i => i.IsProvisioning);
        Assert.Single(alphas, i => i.IsRestartPending);
        Assert.InRange(instances.Count(i => i.ResellerId == beta.Id), 2, 9);

        // Clients, packages, sub-accounts and DIDs.
        var clients = await db.Clients.IgnoreQueryFilters().Where(c => c.DeletedAt == null).Select(c => new { c.ResellerId, c.Status }).ToListAsync();
        Assert.Equal(300, clients.Count(c => c.ResellerId == alpha.Id));
        Assert.Equal(Enum.GetValues<ClientStatus>().Order(), clients.Where(c => c.ResellerId == alpha.Id).Select(c => c.Status).Distinct().Order());
        Assert.Equal(20, clients.Count(c => c.ResellerId == beta.Id));
        Assert.Equal(3, await db.Packages.CountAsync(p => p.ResellerId == alpha.Id));
        Assert.Equal(1, await db.Packages.CountAsync(p => p.ResellerId == beta.Id));
        Assert.Equal(60, await db.SubAccounts.CountAsync(s => s.ResellerId == alpha.Id));
        var alphaDids = await db.Dids.Where(d => d.ResellerId == alpha.Id).Select(d => new { d.Number, d.SubAccountId }).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 300).Select(n => $"+44207946{n:0000}").Order(StringComparer.Ordinal), alphaDids.Select(d => d.Number).Order(StringComparer.Ordinal));
        Assert.Equal(40, alphaDids.Count(d => d.SubAccountId != null));
        Assert.Equal(50, await db.Dids.CountAsync(d => d.ResellerId == beta.Id));

        // Keys: installed licences on two instances, one of them ending within 14 days.
        var installed = await db.LicenceActivations.Where(a => a.ResellerId == alpha.Id && a.Status == ActivationStatus.Installed).ToListAsync();
        Assert.Equal(2, installed.Select(a => a.InstanceId).Distinct().Count());
        Assert.Single(installed, a => a.ExpiresOn < today.AddDays(14));
    }
}
