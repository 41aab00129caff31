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

    /// <summary>The longest window <see cref="RunsOutWithin"/> answers: shorter than the shortest month between two billing dates.</summary>
    public const int MaxWindowDays = 27;

    /// <summary>The dashboard's window: "clients running out within 7 days" (§6).</summary>
    public const int SoonDays = 7;

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

        // Counted in thirtieths of the currency, so a day's spend (spent / 30) adds up without rounding: the
        // day the balance runs out is the same here and in RunsOutWithin (and the SQL of the client list).
        var daily30 = Math.Max(0m, spentLast30Days);
        if (daily30 == 0m && nextRunTotal <= 0m && monthlyFees <= 0m)
        {
            return new Runway(null, null);
        }

        var billing = nextBillingDate < today ? today : nextBillingDate;
        var lump = nextRunTotal;
        var lumps = 0m;
        var balance30 = 30m * balance;
        for (var day = 0; day <= HorizonDays; day++)
        {
            var date = today.AddDays(day);
            while (billing <= date)
            {
                lumps += lump;
                lump = monthlyFees;
                billing = BillingCalendar.Next(billing, billingDay);
            }

            if (balance30 - (day * daily30) - (30m * lumps) <= 0m)
            {
                return new Runway(day, date);
            }
        }

        return new Runway(null, null);
    }

    /// <summary>
    /// Whether the balance runs out within <paramref name="days"/> days (at most <see cref="MaxWindowDays"/>): the
    /// short form of <see cref="Estimate"/> that the client list and the dashboard compute in SQL
    /// (<c>ClientRunway</c>), one inequality per client. Billing dates are at least 28 days apart, so such a window
    /// holds at most one billing date: the next run's, whose total is <paramref name="dueInWindow"/> when the next
    /// run falls inside the window (its date on or before today + <paramref name="days"/>) and 0 otherwise. The
    /// balance has run out on day d when 30 × balance − d × spent − 30 × due ≤ 0; the left side only falls, so
    /// checking day <paramref name="days"/> answers for every day before it. Equal to
    /// <c>Estimate(...).Days &lt;= days</c> for the same inputs (a unit test compares them).
    /// </summary>
    public static bool RunsOutWithin(int days, decimal balance, decimal spentLast30Days, decimal dueInWindow)
    {
        if (days is < 0 or > MaxWindowDays)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, $"A runway window is 0–{MaxWindowDays} days.");
        }

        return balance <= 0m || (30m * balance) - (days * Math.Max(0m, spentLast30Days)) - (30m * dueInWindow) <= 0m;
    }
}
