using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Email;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Money;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Email;

namespace ResellerPortal.Web.Ledger;

/// <summary>
/// The one way money reaches a client's ledger. Each post is one transaction: the row is inserted (the
/// database's trigger adds it to <see cref="Client.Balance"/>), the client's row is locked and re-read,
/// and the balance rules run on the balance as stored (<see cref="Client.ApplyBalance"/>: HARD
/// suspension and re-activation, the low-balance warning once per crossing). Because every writer
/// holds the client's row lock from its insert to its commit, two posts on one client are serialised
/// and the rules see each balance exactly once.
/// </summary>
public sealed class ClientLedger(PortalDbContext db, ClientEmails emails, TimeProvider clock)
{
    /// <summary>
    /// Posts <paramref name="entry"/> (and anything else pending in the context) and applies the balance
    /// rules. Returns false, posting nothing, when a row with the same natural key already exists.
    /// Joins the caller's transaction when there is one; otherwise runs in its own.
    /// </summary>
    public async Task<bool> PostAsync(LedgerEntry entry, CancellationToken ct)
    {
        if (await db.LedgerEntries.IgnoreQueryFilters().AnyAsync(l => l.ResellerId == entry.ResellerId && l.Key == entry.Key, ct))
        {
            return false;
        }

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using (own)
        {
            try
            {
                db.LedgerEntries.Add(entry);
                await db.SaveChangesAsync(ct);
            }
            catch (ConstraintViolationException ex) when (own is not null && ex.Constraint == "IX_LedgerEntries_ResellerId_Key")
            {
                // Another writer posted the same key between the check and the insert: nothing to do.
                // (Inside a caller's transaction the clash aborts that transaction, so it propagates instead.)
                db.Entry(entry).State = EntityState.Detached;
                await own.RollbackAsync(ct);
                return false;
            }

            await ApplyBalanceRulesAsync(entry.ClientId, ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
        }

        return true;
    }

    /// <summary>
    /// Locks the client's row, re-reads it and applies the balance rules to its stored balance, sending
    /// the low-balance warning through the outbox in the same unit of work. Call inside the transaction
    /// that changed the ledger (a job that inserts rows by SQL calls this itself afterwards).
    /// </summary>
    public async Task<BalanceEffects> ApplyBalanceRulesAsync(Guid clientId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The balance rules run inside the transaction that changed the ledger.");
        }

        // FOR NO KEY UPDATE, the lock the balance trigger's UPDATE already holds: FOR UPDATE would also wait for
        // the KEY SHARE lock that another writer's ledger insert takes on the client row (its foreign key
        // check) while that writer waits for this one's trigger lock, which PostgreSQL reports as a deadlock.
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Clients" WHERE "Id" = {clientId} FOR NO KEY UPDATE""", ct);
        var client = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == clientId, ct);
        await db.Entry(client).ReloadAsync(ct);

        var effects = client.ApplyBalance(client.Balance, clock.GetUtcNow());
        if (effects.SendLowBalanceWarning)
        {
            await WarnOfLowBalanceAsync(client, ct);
        }

        await db.SaveChangesAsync(ct);
        return effects;
    }

    /// <summary>
    /// The balance rules for many clients at once, as <see cref="ApplyBalanceRulesAsync(Guid, CancellationToken)"/>
    /// does for one: their rows are locked in id order (so two callers cannot deadlock), loaded once with
    /// their stored balances, and each goes through <see cref="Client.ApplyBalance"/>. Recurring billing
    /// calls this for each batch of clients it charged, inside the batch's transaction. Returns how many
    /// low-balance warnings went to the outbox.
    /// </summary>
    public async Task<int> ApplyBalanceRulesAsync(IReadOnlyCollection<Guid> clientIds, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The balance rules run inside the transaction that changed the ledger.");
        }

        var ids = clientIds.ToArray();
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Clients" WHERE "Id" = ANY({ids}) ORDER BY "Id" FOR UPDATE""", ct);
        var clients = await db.Clients.IgnoreQueryFilters().Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var warned = 0;
        foreach (var client in clients)
        {
            if (client.ApplyBalance(client.Balance, now).SendLowBalanceWarning)
            {
                warned++;
                await WarnOfLowBalanceAsync(client, ct);
            }
        }

        await db.SaveChangesAsync(ct);
        return warned;
    }

    /// <summary>The low-balance e-mail (§6) to the client's warning address, through the outbox in the caller's unit of work.</summary>
    private Task WarnOfLowBalanceAsync(Client client, CancellationToken ct) => emails.EnqueueAsync(
        client.ResellerId,
        EmailTemplateKind.LowBalance,
        client.LowBalanceEmail ?? client.Email,
        new TemplateValues(client.FirstName, client.LastName, Currencies.Show(client.Balance, client.Currency), Currencies.Show(client.LowBalanceThreshold ?? 0m, client.Currency)),
        ct);
}
