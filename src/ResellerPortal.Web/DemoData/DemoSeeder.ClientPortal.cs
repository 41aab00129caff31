using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.ClientPortal;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.ClientPortal;

namespace ResellerPortal.Web.DemoData;

/// <summary>The client portal's demo (issue 12): Alpha's host name, two client logins and a pending self-signup.</summary>
public sealed partial class DemoSeeder
{
    public const string Client1Email = "client1@demo.local";
    public const string Client2Email = "client2@demo.local";
    public const string SignupEmail = "signup@demo.local";
    public const string AlphaHostname = "alpha.portal.test";

    /// <summary>
    /// Gives three of the generated clients the demo addresses (so the seeded totals stay as they are):
    /// Alpha's first client (ACTIVE, EUR, a sub-account with a connected number and a deposit and a
    /// charge), Beta's first (ACTIVE), and an Alpha client in WAIT as the pending self-signup.
    /// </summary>
    private async Task SeedClientPortalAsync(Reseller alpha, Reseller beta, DateTimeOffset now, CancellationToken ct)
    {
        var hostname = new ResellerHostname(alpha.Id, AlphaHostname, now);
        hostname.Verify(now);
        db.ResellerHostnames.Add(hostname);
        await db.SaveChangesAsync(ct);

        var client1 = await RenameClientAsync(alpha.Id, "client0001@alpha.example.com", Client1Email, ct);
        var client2 = await RenameClientAsync(beta.Id, "client0001@beta.example.com", Client2Email, ct);
        var signup = await RenameClientAsync(alpha.Id, "client0008@alpha.example.com", SignupEmail, ct);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        db.BasketItems.Add(BasketItem.Create(alpha.Id, client1.Id, client1.Currency, "Desk phone", "Hardware", "demo-portal-phone", "A desk phone for the office", 89m, today.AddDays(10), hiddenUntilDue: false, now));
        db.BasketItems.Add(BasketItem.Create(alpha.Id, client1.Id, client1.Currency, "Yearly renewal", "Renewal", "demo-portal-renewal", "Shown to the client from its due date", 120m, today.AddDays(30), hiddenUntilDue: true, now));
        await db.SaveChangesAsync(ct);
        foreach (var client in new[] { client1, client2, signup })
        {
            var login = new PortalUser
            {
                UserName = ClientSignIn.UserName(client.ResellerId, client.Email),
                Email = client.Email,
                EmailConfirmed = true,
                DisplayName = client.DisplayName,
                ResellerId = client.ResellerId,
                ClientId = client.Id,
                CreatedAt = now,
            };
            Check(await users.CreateAsync(login, Password));
            Check(await users.AddToRoleAsync(login, Roles.Client));
        }
    }

    private async Task<Client> RenameClientAsync(Guid resellerId, string from, string to, CancellationToken ct)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "Clients" SET "Email" = {to} WHERE "ResellerId" = {resellerId} AND "Email" = {from}""", ct);
        return await db.Clients.AsNoTracking().SingleAsync(c => c.ResellerId == resellerId && c.Email == to, ct);
    }
}
