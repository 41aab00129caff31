using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Money;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Clients;

/// <summary>
/// What client creation shares with the sub-accounts feature: finding a client and assigning a package
/// with its setup fee. The client's own use cases are one file each (CreateClient, EditClient,
/// ChangeClientStatus, DeleteClient, RecordTransaction, ShowClient).
/// </summary>
public sealed class ClientAccounts(PortalDbContext db, AuditActorAccessor actors)
{
    public Task<Client?> FindAsync(Guid id, CancellationToken ct) => db.Clients.SingleOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>
    /// Assigns a package to a connected sub-account, charging its setup fee when asked, once per
    /// sub-account and package: assigning the same package again (after removing it) charges nothing more.
    /// The natural key also stops a concurrent repeat in the database.
    /// </summary>
    public async Task AssignPackageAsync(Client client, SubAccount sub, Package package, bool chargeSetupFee, DateTimeOffset now, CancellationToken ct)
    {
        sub.AssignPackage(package, client);
        var key = $"package-setup:{sub.Id:N}:{package.Id:N}";
        // Every filter off: the key names this sub-account and package, and a row the filters hide (a deleted
        // client's ledger) must still count, so a setup fee is never charged twice.
        if (chargeSetupFee && package.SetupFee > 0m
            && !await db.LedgerEntries.IgnoreQueryFilters().AnyAsync(l => l.ClientId == client.Id && l.Key == key, ct))
        {
            db.LedgerEntries.Add(LedgerEntry.Record(
                client.ResellerId, client.Id, LedgerKind.Charge, Currencies.Round(package.SetupFee, client.Currency), client.Currency,
                $"Setup fee: {package.Name} on {sub.Name}", key, now, actors.Current()));
        }
    }
}
