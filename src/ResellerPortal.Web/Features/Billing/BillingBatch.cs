using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Billing;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Ledger;

namespace ResellerPortal.Web.Features.Billing;

/// <summary>
/// A test-only hook into a run (the portal's own is <see cref="NoBillingFaults"/>): an exception thrown
/// here acts as a failure at that point. Thrown from <see cref="BeforeCommitAsync"/> it undoes the batch
/// (a crash after the writes, before the commit).
/// </summary>
public interface IBillingFaults
{
    /// <summary>Inside the batch's transaction, after every write, just before the commit.</summary>
    Task BeforeCommitAsync(IReadOnlyList<Guid> clientIds, CancellationToken ct);
}

public sealed class NoBillingFaults : IBillingFaults
{
    public Task BeforeCommitAsync(IReadOnlyList<Guid> clientIds, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>What one batch did.</summary>
public sealed record BatchOutcome(int ClientsBilled, int Charges, int Skipped, IReadOnlyList<(Guid ClientId, Guid ResellerId, string Name, string Message)> Failures);

/// <summary>
/// Bills a batch of clients in ONE transaction (§6), set-based so 100,000 clients take seconds, not minutes:
/// <list type="number">
/// <item>lock the clients still due (<c>FOR UPDATE</c>, in id order: a second run waits here, then finds
/// them moved on and skips them);</item>
/// <item>plan each client with <see cref="BillingPlanner"/> (a client whose plan is refused is reported and
/// left due);</item>
/// <item>insert every charge in one statement, <c>ON CONFLICT ("ResellerId","Key") DO NOTHING</c>: a charge
/// another run (or this run before a crash) wrote is skipped, never doubled;</item>
/// <item>mark the basket items charged; advance each client's billing date by compare-and-set
/// (<c>WHERE "NextBillingDate" = current</c>); apply the balance rules (HARD suspension, one low-balance
/// e-mail per crossing) through <see cref="ClientLedger"/>; add to the run's counters; commit.</item>
/// </list>
/// A crash anywhere leaves the batch undone as a whole, so no client is ever half billed and the next run
/// bills it completely. The rows are inserted by SQL, so they carry the job as actor but no audit rows:
/// the run is their record.
/// </summary>
public sealed class BillingBatch(PortalDbContext db, ClientLedger ledger, IBillingFaults faults, AuditActorAccessor actors, TimeProvider clock)
{
    private sealed record LockedClient(Guid Id, Guid ResellerId, string Currency, DateOnly NextBillingDate, int BillingDay, string FirstName, string LastName);

    private sealed record Inserted(Guid ClientId, string Currency, decimal Amount);

    public async Task<BatchOutcome> BillAsync(Guid runId, DateOnly runDate, IReadOnlyList<Guid> clientIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ids = clientIds.ToArray();
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var locked = await db.Database.SqlQuery<LockedClient>($"""
            SELECT "Id", "ResellerId", "Currency", "NextBillingDate", "BillingDay", "FirstName", "LastName" FROM "Clients"
            WHERE "Id" = ANY({ids}) AND "NextBillingDate" <= {runDate} AND "DeletedAt" IS NULL AND "Status" IN ('Active', 'Suspended')
            ORDER BY "Id" FOR UPDATE
            """).ToListAsync(ct);
        if (locked.Count == 0)
        {
            return new BatchOutcome(0, 0, 0, []);
        }

        var inputs = await BillingInputs.LoadAsync(db, [.. locked.Select(c => c.Id)], runDate, ct);
        var failures = new List<(Guid, Guid, string, string)>();
        var billed = new List<(LockedClient Client, BillingPlan Plan)>();
        foreach (var client in locked)
        {
            try
            {
                var input = inputs[client.Id];
                var plan = BillingPlanner.Plan(
                    new BillableClient(client.Id, client.Currency, client.NextBillingDate, client.BillingDay), runDate, input.SubAccounts, input.Dids, input.BasketItems);
                billed.Add((client, plan));
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                failures.Add((client.Id, client.ResellerId, Name(client), ex.Message));
            }
        }

        var charges = billed.SelectMany(b => b.Plan.Charges.Select(c => (b.Client, Charge: c))).ToList();
        var inserted = new List<Inserted>();
        if (charges.Count > 0)
        {
            var actor = actors.Current().Name;
            var rowIds = charges.Select(_ => Guid.CreateVersion7(now)).ToArray();
            var resellers = charges.Select(c => c.Client.ResellerId).ToArray();
            var clients = charges.Select(c => c.Client.Id).ToArray();
            var amounts = charges.Select(c => -c.Charge.Amount).ToArray();
            var currencies = charges.Select(c => c.Client.Currency).ToArray();
            var descriptions = charges.Select(c => c.Charge.Description).ToArray();
            var keys = charges.Select(c => c.Charge.Key).ToArray();
            var kind = nameof(LedgerKind.Charge);
            inserted = await db.Database.SqlQuery<Inserted>($"""
                INSERT INTO "LedgerEntries" ("Id", "ResellerId", "ClientId", "Kind", "Amount", "Currency", "Description", "Key", "At", "ActorUserId", "ActorName")
                SELECT u.id, u.reseller, u.client, {kind}, u.amount, u.currency, u.description, u.key, {now}, NULL, {actor}
                FROM unnest({rowIds}, {resellers}, {clients}, {amounts}, {currencies}, {descriptions}, {keys})
                    AS u(id, reseller, client, amount, currency, description, key)
                ON CONFLICT ("ResellerId", "Key") DO NOTHING
                RETURNING "ClientId", "Currency", "Amount"
                """).ToListAsync(ct);

            var items = charges.Where(c => c.Charge.Source == ChargeSource.BasketItem).Select(c => c.Charge.SourceId).ToArray();
            if (items.Length > 0)
            {
                await db.Database.ExecuteSqlAsync($"""UPDATE "BasketItems" SET "ChargedAt" = {now} WHERE "Id" = ANY({items}) AND "ChargedAt" IS NULL""", ct);
            }
        }

        if (billed.Count > 0)
        {
            var billedIds = billed.Select(b => b.Client.Id).ToArray();
            var current = billed.Select(b => b.Client.NextBillingDate).ToArray();
            var next = billed.Select(b => b.Plan.NextBillingDate).ToArray();
            var advanced = await db.Database.ExecuteSqlAsync($"""
                UPDATE "Clients" AS c SET "NextBillingDate" = u.next
                FROM unnest({billedIds}, {current}, {next}) AS u(id, cur, next)
                WHERE c."Id" = u.id AND c."NextBillingDate" = u.cur
                """, ct);
            if (advanced != billedIds.Length)
            {
                // Cannot happen while the rows are locked; if it does, undo the batch rather than guess.
                throw new InvalidOperationException($"Billing dates moved under the run: {advanced} of {billedIds.Length} advanced.");
            }

            await ledger.ApplyBalanceRulesAsync(billedIds, ct);
        }

        foreach (var (clientId, resellerId, name, message) in failures)
        {
            db.BillingRunFailures.Add(new BillingRunFailure(runId, resellerId, clientId, name, message, now));
        }

        await db.SaveChangesAsync(ct);
        await AddToRunAsync(db, runId, billed.Count, inserted.Count, charges.Count - inserted.Count, failures.Count, inserted, ct);
        await faults.BeforeCommitAsync(ids, ct);
        await tx.CommitAsync(ct);
        return new BatchOutcome(billed.Count, inserted.Count, charges.Count - inserted.Count, failures);
    }

    /// <summary>Records a client that failed alone (after its batch failed), in its own transaction.</summary>
    public async Task RecordFailureAsync(Guid runId, Guid clientId, string message, CancellationToken ct)
    {
        var client = await db.Clients.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == clientId)
            .Select(c => new { c.ResellerId, c.FirstName, c.LastName }).SingleOrDefaultAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.BillingRunFailures.Add(new BillingRunFailure(
            runId, client?.ResellerId ?? Guid.Empty, clientId, client is null ? string.Empty : (client.FirstName + " " + client.LastName).Trim(), message, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await AddToRunAsync(db, runId, 0, 0, 0, 1, [], ct);
        await tx.CommitAsync(ct);
    }

    private static async Task AddToRunAsync(PortalDbContext db, Guid runId, int clients, int charges, int skipped, int failures, List<Inserted> inserted, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "BillingRuns" SET "ClientsBilled" = "ClientsBilled" + {clients}, "Charges" = "Charges" + {charges},
                "SkippedAsCharged" = "SkippedAsCharged" + {skipped}, "Failures" = "Failures" + {failures}
            WHERE "Id" = {runId}
            """, ct);
        foreach (var total in inserted.GroupBy(i => i.Currency))
        {
            var amount = -total.Sum(i => i.Amount);
            var count = total.Count();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "BillingRunTotals" ("RunId", "Currency", "Amount", "Charges") VALUES ({runId}, {total.Key}, {amount}, {count})
                ON CONFLICT ("RunId", "Currency") DO UPDATE SET "Amount" = "BillingRunTotals"."Amount" + EXCLUDED."Amount",
                    "Charges" = "BillingRunTotals"."Charges" + EXCLUDED."Charges"
                """, ct);
        }
    }

    private static string Name(LockedClient c) => (c.FirstName + " " + c.LastName).Trim();
}
