namespace ResellerPortal.Domain.Billing;

/// <summary>How long a balance lasts: <see cref="Days"/> from today until <see cref="Until"/>, or never (no spend).</summary>
public sealed record Runway(int? Days, DateOnly? Until)
{
    public bool RunsOut => Days is not null;
}

/// <summary>
/// The balance runway of §6 ("the balance lasts about N days, until DATE"). The client spends at its pace
/// of the last 30 days — everything it was charged except the recurring fees (manual charges, usage, less
/// credits), divided by 30 — every day, and pays its recurring fees as lumps on its billing dates: the next
/// run's planned total on the next billing date, then the monthly fees on each billing date after it. The
/// balance runs out on the first day it is at or below 0 (the day a HARD client would be suspended).
/// Looked at a year ahead at most; beyond that it "lasts more than a year" (no date).
/// </summary>
public static class BalanceRunway
{
    public const int HorizonDays = 366;

    /// <param name="balance">Today's balance.</param>
    /// <param name="today">The day the runway is counted from.</param>
    /// <param name="spentLast30Days">Net non-recurring spend of the last 30 days (positive when the client spent).</param>
    /// <param name="nextBillingDate">The client's next billing date.</param>
    /// <param name="nextRunTotal">What the next run charges (the preview's total, fees and basket items).</param>
    /// <param name="monthlyFees">The recurring fees of a full period, charged on each later billing date.</param>
    /// <param name="billingDay">The client's billing day (1–31).</param>
    public static Runway Estimate(decimal balance, DateOnly today, decimal spentLast30Days, DateOnly nextBillingDate, decimal nextRunTotal, decimal monthlyFees, int billingDay)
    {
        if (balance <= 0m)
        {
            return new Runway(0, today);
        }

        var daily = Math.Max(0m, spentLast30Days) / 30m;
        if (daily == 0m && nextRunTotal <= 0m && monthlyFees <= 0m)
        {
            return new Runway(null, null);
        }

        var billing = nextBillingDate < today ? today : nextBillingDate;
        var lump = nextRunTotal;
        var left = balance;
        for (var day = 0; day <= HorizonDays; day++)
        {
            var date = today.AddDays(day);
            left -= day == 0 ? 0m : daily;
            while (billing <= date)
            {
                left -= lump;
                lump = monthlyFees;
                billing = BillingCalendar.Next(billing, billingDay);
            }

            if (left <= 0m)
            {
                return new Runway(day, date);
            }
        }

        return new Runway(null, null);
    }
}
