using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Ledger;

namespace ResellerPortal.IntegrationTests.Money;

/// <summary>A test of money on Alpha's clients: builds its own clients and posts through the real <see cref="ClientLedger"/>.</summary>
public abstract class MoneyTest(PostgresFixture postgres) : PortalTest(postgres)
{
    protected static readonly DateOnly Billing = new(2026, 12, 1);

    /// <summary>A new client of Alpha on the operator named (EU is Staff1's, US is not), in EUR.</summary>
    protected Task<Guid> NewClientAsync(string email, BalanceManagement mode = BalanceManagement.Soft, decimal? threshold = null, string operatorName = "EU", string currency = "EUR") =>
        AsPlatformAsync(async db =>
        {
            var alpha = await db.Resellers.Where(r => r.Slug == "alpha").Select(r => r.Id).SingleAsync();
            var op = await db.Operators.Where(o => o.Name == operatorName).Select(o => o.Id).SingleAsync();
            var client = Client.Create(alpha, op, new ClientDetails("Mona", "Ledger", "", "", "", "", "GB", "", email, "+442079461111", null), currency, Billing, DateTimeOffset.UtcNow);
            client.ManageBalance(mode, threshold, threshold is null ? null : "warn-" + email);
            db.Clients.Add(client);
            await db.SaveChangesAsync();
            return client.Id;
        });

    /// <summary>Posts one row through the ledger, as a job would, in its own scope.</summary>
    protected async Task<bool> PostAsync(Guid clientId, LedgerKind kind, decimal amount, string? key = null)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UsePlatform();
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId);
        var ledger = scope.ServiceProvider.GetRequiredService<ClientLedger>();
        return await ledger.PostAsync(
            LedgerEntry.Record(client.ResellerId, client.Id, kind, amount, client.Currency, $"Test {kind}", key ?? "test:" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, AuditActor.System("test")),
            CancellationToken.None);
    }

    protected Task<Client> ClientAsync(Guid id) => AsPlatformAsync(db => db.Clients.AsNoTracking().SingleAsync(c => c.Id == id));

    protected Task<decimal> LedgerSumAsync(Guid id) => AsPlatformAsync(db => db.LedgerEntries.Where(l => l.ClientId == id).SumAsync(l => l.Amount));

    protected Task<Guid> NewBasketItemAsync(Guid clientId, string itemId, decimal price, bool hidden = false) =>
        AsPlatformAsync(async db =>
        {
            var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId);
            var item = BasketItem.Create(client.ResellerId, client.Id, client.Currency, "Router", "Hardware", itemId, "Desk router", price, Billing, hidden, DateTimeOffset.UtcNow);
            db.BasketItems.Add(item);
            await db.SaveChangesAsync();
            return item.Id;
        });
}
