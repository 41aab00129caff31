using System.Globalization;
using ResellerPortal.Domain.Money;

namespace ResellerPortal.Domain.Billing;

/// <summary>The client as billing sees it: its currency, next billing date and billing day (1–31).</summary>
public sealed record BillableClient(Guid ClientId, string Currency, DateOnly NextBillingDate, int BillingDay);

/// <summary>A connected sub-account with its package's monthly fee (in the package's currency), connected on <paramref name="ConnectedOn"/> (UTC day).</summary>
public sealed record BillableSubAccount(Guid SubAccountId, string Name, string PackageName, decimal MonthlyFee, string PackageCurrency, DateOnly ConnectedOn);

/// <summary>
/// A connected DID: its monthly fee (in the client's currency, §5), its billing start (free until then),
/// and the day it came to this client (the later of its own connection and its sub-account's).
/// </summary>
public sealed record BillableDid(Guid DidId, string Number, decimal MonthlyFee, DateOnly BillingStart, DateOnly ConnectedOn);

/// <summary>A basket item not yet charged and not cancelled.</summary>
public sealed record BillableBasketItem(Guid ItemId, string Description, decimal Price, string Currency, DateOnly DueDate);

public enum ChargeSource
{
    SubAccountFee,
    DidFee,
    BasketItem,
}

/// <summary>
/// One charge a run posts. <see cref="Key"/> is its natural key (client, source, period), unique per
/// reseller on the ledger: <c>fee:sub:{subAccountId}:{yyyy-MM}</c>, <c>fee:did:{didId}:{yyyy-MM}</c>,
/// <c>basket:{itemId}</c>. <see cref="Amount"/> is positive, in the client's currency and minor units.
/// </summary>
public sealed record PlannedCharge(string Key, ChargeSource Source, Guid SourceId, string Period, decimal Amount, string Description, bool Prorated);

/// <summary>What a run charges a client, and the billing date it moves on to.</summary>
public sealed record BillingPlan(IReadOnlyList<PlannedCharge> Charges, DateOnly NextBillingDate, IReadOnlyList<DateOnly> Periods)
{
    public decimal Total => Charges.Sum(c => c.Amount);

    public bool IsDue => Periods.Count > 0;
}

/// <summary>
/// Recurring billing as arithmetic (§6), shared by the billing job and the next-charge preview so the
/// preview is exactly what the run charges. The rules, decided here:
/// <list type="bullet">
/// <item><b>In advance, monthly.</b> On a billing date D the client pays each monthly fee for the period
/// [D, next billing date). Dates follow <see cref="BillingCalendar"/> (the 29th–31st are clamped to short
/// months and return to the billing day).</item>
/// <item><b>Catch-up.</b> When the run date is past the client's next billing date (the portal was down, a
/// run failed) every missed period up to the run date is billed once, each with its own period key, and the
/// next billing date is the first one after the run date.</item>
/// <item><b>Proration.</b> A fee source (a sub-account with a package, a DID) connected inside a period pays
/// for the days from its connection to the period's end: fee × days / days in the period, rounded to the
/// currency's minor units half away from zero (<see cref="Currencies.Round"/>, the portal's one rounding
/// rule). Connected on or before the period's start, it pays the full fee. A source connected during the
/// period before the client's next billing date (after that period was billed) pays that stub at the next
/// run, under the earlier period's key; a stub reaches back one period only.</item>
/// <item><b>DID billing start.</b> A DID counts from the later of its connection and its billing start: a
/// billing start after the last billed period's end is free this run; one inside a period is prorated.</item>
/// <item><b>Basket items</b> are charged once (key <c>basket:{id}</c>) when their due date is on or before
/// the run date.</item>
/// <item>A fee of 0 charges nothing. A package in another currency than the client's is refused (no
/// silent conversion): the run reports the client as failed and leaves it due.</item>
/// </list>
/// Because each key is (source, period), a source never pays twice for a period, whatever the order of
/// runs, a stub that was already billed in full, or a sub-account moved between clients.
/// </summary>
public static class BillingPlanner
{
    public static BillingPlan Plan(
        BillableClient client,
        DateOnly runDate,
        IEnumerable<BillableSubAccount> subAccounts,
        IEnumerable<BillableDid> dids,
        IEnumerable<BillableBasketItem> basketItems)
    {
        var periods = new List<DateOnly>();
        for (var d = client.NextBillingDate; d <= runDate; d = BillingCalendar.Next(d, client.BillingDay))
        {
            periods.Add(d);
        }

        if (periods.Count == 0)
        {
            return new BillingPlan([], client.NextBillingDate, []);
        }

        var currency = client.Currency;
        var charges = new List<PlannedCharge>();
        var stubStart = BillingCalendar.Previous(client.NextBillingDate, client.BillingDay);

        foreach (var sub in subAccounts.OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.SubAccountId))
        {
            if (sub.MonthlyFee <= 0m)
            {
                continue;
            }

            if (!string.Equals(Currencies.Normalize(sub.PackageCurrency), Currencies.Normalize(currency), StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Sub-account {sub.Name}'s package {sub.PackageName} is in {sub.PackageCurrency} but the client is billed in {currency}: change the package.");
            }

            AddFees(charges, ChargeSource.SubAccountFee, "fee:sub:", sub.SubAccountId, sub.MonthlyFee, sub.ConnectedOn, currency, client.BillingDay, stubStart, periods,
                $"Monthly fee {sub.PackageName} ({sub.Name})");
        }

        foreach (var did in dids.OrderBy(d => d.Number, StringComparer.Ordinal).ThenBy(d => d.DidId))
        {
            if (did.MonthlyFee <= 0m)
            {
                continue;
            }

            var from = did.BillingStart > did.ConnectedOn ? did.BillingStart : did.ConnectedOn;
            AddFees(charges, ChargeSource.DidFee, "fee:did:", did.DidId, did.MonthlyFee, from, currency, client.BillingDay, stubStart, periods,
                $"Monthly fee DID {did.Number}");
        }

        foreach (var item in basketItems.Where(i => i.DueDate <= runDate).OrderBy(i => i.DueDate).ThenBy(i => i.ItemId))
        {
            if (!string.Equals(Currencies.Normalize(item.Currency), Currencies.Normalize(currency), StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Basket item {item.Description} is in {item.Currency} but the client is billed in {currency}.");
            }

            charges.Add(new PlannedCharge(
                "basket:" + item.ItemId.ToString("N"), ChargeSource.BasketItem, item.ItemId, BillingCalendar.PeriodName(item.DueDate),
                Currencies.Round(item.Price, currency), Truncate(item.Description), Prorated: false));
        }

        var next = BillingCalendar.Next(periods[^1], client.BillingDay);
        return new BillingPlan(charges, next, periods);
    }

    /// <summary>The fee of one source for the stub period (only when connected inside it) and each billed period.</summary>
    private static void AddFees(
        List<PlannedCharge> charges, ChargeSource source, string keyPrefix, Guid sourceId, decimal monthlyFee, DateOnly from, string currency, int billingDay,
        DateOnly stubStart, List<DateOnly> periods, string description)
    {
        if (from > stubStart)
        {
            AddPeriod(charges, source, keyPrefix, sourceId, monthlyFee, from, currency, stubStart, periods[0], description);
        }

        foreach (var start in periods)
        {
            AddPeriod(charges, source, keyPrefix, sourceId, monthlyFee, from, currency, start, BillingCalendar.Next(start, billingDay), description);
        }
    }

    private static void AddPeriod(
        List<PlannedCharge> charges, ChargeSource source, string keyPrefix, Guid sourceId, decimal monthlyFee, DateOnly from, string currency,
        DateOnly start, DateOnly end, string description)
    {
        var chargedFrom = from > start ? from : start;
        if (chargedFrom >= end)
        {
            return;
        }

        var period = BillingCalendar.PeriodName(start);
        var days = end.DayNumber - chargedFrom.DayNumber;
        var periodDays = end.DayNumber - start.DayNumber;
        var prorated = days < periodDays;
        var amount = prorated ? Prorate(monthlyFee, days, periodDays, currency) : Currencies.Round(monthlyFee, currency);
        if (amount <= 0m)
        {
            return;
        }

        var label = prorated
            ? string.Create(CultureInfo.InvariantCulture, $"{description}, {period} ({days}/{periodDays} days from {chargedFrom:yyyy-MM-dd})")
            : $"{description}, {period}";
        charges.Add(new PlannedCharge(keyPrefix + sourceId.ToString("N") + ":" + period, source, sourceId, period, amount, Truncate(label), prorated));
    }

    /// <summary>fee × days / periodDays, rounded half away from zero to the currency's minor units.</summary>
    public static decimal Prorate(decimal monthlyFee, int days, int periodDays, string currency) =>
        Currencies.Round(monthlyFee * days / periodDays, currency);

    // The ledger's description column holds 200 characters.
    private static string Truncate(string text) => text.Length <= 200 ? text : text[..199] + "…";
}
