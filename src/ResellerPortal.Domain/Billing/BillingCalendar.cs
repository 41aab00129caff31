using System.Globalization;

namespace ResellerPortal.Domain.Billing;

/// <summary>
/// A client's billing dates (§6): monthly, on the client's billing day (<c>Client.BillingDay</c>, the
/// day of the month its billing date was set to). A billing day of 29–31 is clamped to the last day of
/// a shorter month and comes back in the next long one: day 31 bills on Jan 31, Feb 28 (29), Mar 31,
/// Apr 30. The anchor is kept on the client because a clamped date (Feb 28) cannot tell which day it
/// stands for. Each period starts in its own calendar month, so "yyyy-MM" of its start names it.
/// </summary>
public static class BillingCalendar
{
    /// <summary>The billing date in the month of <paramref name="year"/>/<paramref name="month"/> for <paramref name="billingDay"/>.</summary>
    public static DateOnly InMonth(int year, int month, int billingDay) =>
        new(year, month, Math.Min(RequireDay(billingDay), DateTime.DaysInMonth(year, month)));

    /// <summary>The billing date one month after <paramref name="date"/>.</summary>
    public static DateOnly Next(DateOnly date, int billingDay)
    {
        var month = date.AddDays(1 - date.Day).AddMonths(1);
        return InMonth(month.Year, month.Month, billingDay);
    }

    /// <summary>The billing date one month before <paramref name="date"/>.</summary>
    public static DateOnly Previous(DateOnly date, int billingDay)
    {
        var month = date.AddDays(1 - date.Day).AddMonths(-1);
        return InMonth(month.Year, month.Month, billingDay);
    }

    /// <summary>The name of the period starting on <paramref name="start"/>, part of each charge's natural key.</summary>
    public static string PeriodName(DateOnly start) => start.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static int RequireDay(int day) =>
        day is >= 1 and <= 31 ? day : throw new ArgumentOutOfRangeException(nameof(day), day, "A billing day is 1–31.");
}
