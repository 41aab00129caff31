using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Statements;

public sealed record StatementLine(LedgerEntry Entry, decimal RunningBalance);

/// <summary>One month of a client's account: the balance before it, each row with the balance after it, the balance at its end.</summary>
public sealed record StatementModel(Client Client, DateOnly Month, decimal Opening, IReadOnlyList<StatementLine> Lines, decimal Closing)
{
    public string MonthText => Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public string MonthName => Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    public decimal Charges => -Lines.Where(l => l.Entry.Amount < 0m).Sum(l => l.Entry.Amount);

    public decimal Credits => Lines.Where(l => l.Entry.Amount > 0m).Sum(l => l.Entry.Amount);
}

/// <summary>
/// A client's statement per month (§6, seed 003 "Client's Statement"). Months are calendar months in
/// UTC: a row belongs to the month of its time stamp in UTC, whatever the viewer's time zone, so a
/// statement reads the same for everyone and its closing balance is the next month's opening. The
/// address's month is <c>yyyy-MM</c>; anything else (2026-13, 26-11, 2026-1) is not a statement (404).
/// </summary>
public sealed class ClientStatement(PortalDbContext db, TimeProvider clock)
{
    /// <summary>The most months listed on the client's page.</summary>
    public const int MonthsListed = 36;

    public static DateOnly? ParseMonth(string? text) =>
        text is { Length: 7 } && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            && month >= FormRules.EarliestDate && month <= FormRules.LatestDate
            ? month
            : null;

    public async Task<Result<StatementModel>> HandleAsync(Guid clientId, string? monthText, CancellationToken ct)
    {
        if (ParseMonth(monthText) is not { } month)
        {
            return Result.NotFound;
        }

        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null)
        {
            return Result.NotFound;
        }

        var start = new DateTimeOffset(month.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = start.AddMonths(1);
        var ledger = db.LedgerEntries.AsNoTracking().Where(l => l.ClientId == client.Id);
        var opening = await ledger.Where(l => l.At < start).SumAsync(l => l.Amount, ct);
        var rows = await ledger.Where(l => l.At >= start && l.At < end).OrderBy(l => l.At).ThenBy(l => l.Id).ToListAsync(ct);
        var running = opening;
        var lines = new List<StatementLine>(rows.Count);
        foreach (var row in rows)
        {
            running += row.Amount;
            lines.Add(new StatementLine(row, running));
        }

        return new StatementModel(client, month, opening, lines, running);
    }

    /// <summary>The months a client has statements for, newest first: from its first ledger row's month to this month.</summary>
    public async Task<IReadOnlyList<DateOnly>> MonthsAsync(Guid clientId, CancellationToken ct)
    {
        var first = await db.LedgerEntries.AsNoTracking().Where(l => l.ClientId == clientId).MinAsync(l => (DateTimeOffset?)l.At, ct);
        if (first is null)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var month = new DateOnly(now.Year, now.Month, 1);
        var firstMonth = new DateOnly(first.Value.UtcDateTime.Year, first.Value.UtcDateTime.Month, 1);
        var months = new List<DateOnly>();
        while (month >= firstMonth && months.Count < MonthsListed)
        {
            months.Add(month);
            month = month.AddMonths(-1);
        }

        return months;
    }
}
