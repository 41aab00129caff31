using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Tenancy;

namespace ResellerPortal.Web.DemoData;

/// <summary>
/// Demo data for the embedded default (<c>./run.sh</c>) or <c>--seed-demo</c>. Runs once: it does
/// nothing when the demo admin already exists. The password is <c>Demo!2345</c> unless
/// <c>PORTAL_DEMO_PASSWORD</c> is set.
/// </summary>
public sealed partial class DemoSeeder(
    PortalDbContext db,
    UserManager<PortalUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    TenantContext tenant,
    AuditActorAccessor actors,
    TimeProvider clock,
    IConfiguration configuration,
    Features.Instances.InstanceSecrets secrets,
    Features.Keys.LicenceSecrets licenceSecrets,
    Ledger.ClientLedger ledger,
    ILogger<DemoSeeder> logger)
{
    public const string AdminEmail = "admin@demo.local";
    public const string SupportEmail = "support@demo.local";
    public const string Reseller1Email = "reseller1@demo.local";
    public const string Reseller2Email = "reseller2@demo.local";
    public const string Staff1Email = "staff1@demo.local";
    public const string DefaultPassword = "Demo!2345";

    public string Password => configuration["PORTAL_DEMO_PASSWORD"] is { Length: > 0 } p ? p : DefaultPassword;

    public async Task SeedAsync(CancellationToken ct = default)
    {
        tenant.UsePlatform();
        actors.UseSystem("demo-seed");
        await EnsureRolesAsync();
        if (await db.Users.AnyAsync(u => u.Email == AdminEmail, ct))
        {
            logger.LogInformation("Demo data already present");
            return;
        }

        var now = clock.GetUtcNow();
        var reseller1 = new Reseller("Alpha Telecom", "alpha", now);
        var reseller2 = new Reseller("Beta Voice", "beta", now);
        db.Resellers.AddRange(reseller1, reseller2);
        var eu = new Operator(reseller1.Id, "EU", "eu.alpha-live.example.com", now);
        var us = new Operator(reseller1.Id, "US", "us.alpha-live.example.com", now);
        var beta = new Operator(reseller2.Id, "Main", "live.beta-voice.example.com", now);
        db.Operators.AddRange(eu, us, beta);
        await db.SaveChangesAsync(ct);

        await CreateUserAsync(AdminEmail, "Platform Admin", Roles.PlatformAdmin, null);
        await CreateUserAsync(SupportEmail, "Support Desk", Roles.Support, null);
        await CreateUserAsync(Reseller1Email, "Alpha Owner", Roles.ResellerAdmin, reseller1.Id);
        await CreateUserAsync(Reseller2Email, "Beta Owner", Roles.ResellerAdmin, reseller2.Id);
        var staff = await CreateUserAsync(Staff1Email, "Alpha EU Staff", Roles.ResellerUser, reseller1.Id);
        db.OperatorAssignments.Add(new OperatorAssignment(reseller1.Id, staff.Id, eu.Id));
        await db.SaveChangesAsync(ct);
        await SeedInstancesAsync(eu, us, beta, ct);
        await SeedClientsAsync(reseller1, reseller2, eu, us, beta, now, ct);
        await SeedKeysAsync(reseller1, reseller2, ct);
        await SeedBillingHistoryAsync(reseller1.Id, now, ct);
        await SeedClientPortalAsync(reseller1, reseller2, now, ct);
        await SeedBrandingAsync(reseller1, now, ct);

        // The demo's history is history: a warning its seeding set off counts as sent, not as mail to send now.
        foreach (var message in await db.OutboxMessages.Where(m => m.Status == Domain.Email.OutboxStatus.Pending).ToListAsync(ct))
        {
            message.MarkSent(now);
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo data seeded");
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role)));
            }
        }
    }

    private async Task<PortalUser> CreateUserAsync(string email, string name, string role, Guid? resellerId)
    {
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            ResellerId = resellerId,
            CreatedAt = clock.GetUtcNow(),
        };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo seed failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
