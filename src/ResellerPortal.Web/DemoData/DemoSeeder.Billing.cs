using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Billing;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Payments;

namespace ResellerPortal.Web.DemoData;

/// <summary>
/// A few months of billing history for Alpha's clients with sub-accounts (issue 11), so the client pages,
/// statements and the financial report are not empty: the monthly fees of the last three billing dates under
/// the keys recurring billing uses, a payment each month, a partial refund, basket items in every state, one
/// HARD client suspended at 0 and one SOFT client below its low-balance threshold. The last two are posted
/// through <see cref="Ledger.ClientLedger"/>, so the balance rules (suspension, the warning e-mail) act as in use.
/// </summary>
public sealed partial class DemoSeeder
{
    private async Task SeedBillingHistoryAsync(Guid alphaId, DateTimeOffset now, CancellationToken ct)
    {
        var subs = await (
            from s in db.SubAccounts
            join c in db.Clients on s.ClientId equals c.Id
            join p in db.Packages on s.PackageId equals p.Id
            where s.ResellerId == alphaId && c.Status == ClientStatus.Active
            orderby s.Name
            select new { Sub = s.Id, c.Id, c.Currency, p.Name, p.MonthlyFee, c.BalanceManagement, c.LowBalanceThreshold })
            .Take(12).ToListAsync(ct);
        var thisMonth = new DateOnly(now.Year, now.Month, 1);
        var actor = AuditActorFor("demo-seed");
        var rows = new List<LedgerEntry>();
        foreach (var (s, i) in subs.Select((s, i) => (s, i)))
        {
            for (var back = 3; back >= 1; back--)
            {
                var period = thisMonth.AddMonths(-back);
                var at = new DateTimeOffset(period.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero);
                rows.Add(LedgerEntry.Record(alphaId, s.Id, LedgerKind.Charge, s.MonthlyFee, s.Currency, $"Monthly fee {s.Name}, {BillingCalendar.PeriodName(period)}",
                    $"fee:sub:{s.Sub:N}:{BillingCalendar.PeriodName(period)}", at, actor));
                rows.Add(LedgerEntry.Record(alphaId, s.Id, LedgerKind.Payment, 10m + (i % 3 * 5m), s.Currency, "Bank transfer",
                    $"demo:payment:{s.Id:N}:{BillingCalendar.PeriodName(period)}", at.AddDays(4 + i % 5), actor));
            }
        }

        if (subs.Count > 0)
        {
            var first = subs[0];
            rows.Add(LedgerEntry.Record(alphaId, first.Id, LedgerKind.Refund, 5m, first.Currency, "Partial refund of a bank transfer",
                $"demo:refund:{first.Id:N}", new DateTimeOffset(thisMonth.AddMonths(-1).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero).AddDays(10), actor));
        }

        db.LedgerEntries.AddRange(rows);
        await db.SaveChangesAsync(ct);

        // Basket items in every state on the first client: unpaid and hidden until due, unpaid and charged, paid, cancelled.
        if (subs.Count > 0)
        {
            var client = subs[0];
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var upcoming = BasketItem.Create(alphaId, client.Id, client.Currency, "IP phone", "Hardware", "DEMO-1001", "Yealink T54W", 149m, today.AddDays(20), true, now);
            var charged = BasketItem.Create(alphaId, client.Id, client.Currency, "Headset", "Hardware", "DEMO-1002", "Jabra Evolve2 40", 89m, thisMonth.AddMonths(-1).AddDays(14), false, now);
            charged.MarkCharged(new DateTimeOffset(thisMonth.AddMonths(-1).AddDays(14).ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero));
            var paid = BasketItem.Create(alphaId, client.Id, client.Currency, "Installation", "Service", "DEMO-1003", "On-site installation", 60m, thisMonth.AddMonths(-2).AddDays(3), false, now);
            paid.MarkCharged(new DateTimeOffset(thisMonth.AddMonths(-2).AddDays(3).ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero));
            var cancelled = BasketItem.Create(alphaId, client.Id, client.Currency, "Custom", "Custom", "DEMO-1004", "Number porting (withdrawn)", 25m, today.AddDays(5), false, now);
            cancelled.Cancel();
            db.BasketItems.AddRange(upcoming, charged, paid, cancelled);
            db.LedgerEntries.Add(LedgerEntry.Record(alphaId, client.Id, LedgerKind.Charge, 89m, client.Currency, "Headset: Jabra Evolve2 40", charged.LedgerKey, charged.ChargedAt!.Value, actor));
            var installation = LedgerEntry.Record(alphaId, client.Id, LedgerKind.Charge, 60m, client.Currency, "Installation: On-site installation", paid.LedgerKey, paid.ChargedAt!.Value, actor);
            db.LedgerEntries.Add(installation);
            var paidAt = paid.ChargedAt!.Value.AddDays(2);
            var payment = Payment.Record(alphaId, client.Id, client.Currency, PaymentType.Card, "DEMO-P-1003", 60m, DateOnly.FromDateTime(paidAt.UtcDateTime), "Installation", paidAt);
            db.Payments.Add(payment);
            payment.Settle([paid]);
            db.LedgerEntries.Add(LedgerEntry.Record(alphaId, client.Id, LedgerKind.Payment, 60m, client.Currency, "Card payment for the installation", payment.LedgerKey, paidAt, actor, payment.Id));
            await db.SaveChangesAsync(ct);
        }

        // A HARD client the system suspended at 0, and a SOFT one below its threshold: posted through the ledger.
        var hard = subs.Skip(1).FirstOrDefault(s => s.BalanceManagement == BalanceManagement.Hard);
        if (hard is not null)
        {
            var balance = await db.Clients.Where(c => c.Id == hard.Id).Select(c => c.Balance).SingleAsync(ct);
            if (balance > 0m)
            {
                await ledger.PostAsync(LedgerEntry.Record(alphaId, hard.Id, LedgerKind.Charge, balance, hard.Currency, "Usage charges", "demo:usage:" + hard.Id.ToString("N"), now.AddHours(-2), actor), ct);
            }
        }

        var low = subs.Skip(1).FirstOrDefault(s => s.BalanceManagement == BalanceManagement.Soft && s.Id != hard?.Id);
        if (low is not null)
        {
            var client = await db.Clients.SingleAsync(c => c.Id == low.Id, ct);
            client.ManageBalance(BalanceManagement.Soft, 50m, null);
            await db.SaveChangesAsync(ct);
            var balance = await db.Clients.Where(c => c.Id == low.Id).Select(c => c.Balance).SingleAsync(ct);
            var charge = Math.Max(1m, balance - 20m);
            await ledger.PostAsync(LedgerEntry.Record(alphaId, low.Id, LedgerKind.Charge, charge, low.Currency, "Usage charges", "demo:usage:" + low.Id.ToString("N"), now.AddHours(-1), actor), ct);
        }
    }

    private static Domain.Auditing.AuditActor AuditActorFor(string what) => Domain.Auditing.AuditActor.System(what);
}
