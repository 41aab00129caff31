using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Money;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Reports;

/// <summary>One month of one currency: what the reseller's clients were charged, paid, were refunded, the cost and the margin.</summary>
public sealed record FinancialMonth(string Month, decimal Charges, decimal Payments, decimal Refunds, decimal Cost)
{
    /// <summary>Charges less the provider's cost of what was sold.</summary>
    public decimal Margin => Charges - Cost;
}

/// <summary>One currency's months, oldest first, with its totals. No conversion: a section per currency.</summary>
public sealed record FinancialSection(string Currency, IReadOnlyList<FinancialMonth> Months)
{
    public FinancialMonth Total => new("Total", Months.Sum(m => m.Charges), Months.Sum(m => m.Payments), Months.Sum(m => m.Refunds), Months.Sum(m => m.Cost));

    public string Format(decimal amount) => amount.ToString("N" + Currencies.MinorUnits(Currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

public sealed record FinancialReportModel(DateOnly From, DateOnly To, IReadOnlyList<FinancialSection> Sections);

/// <summary>
/// The financial report (§6, seed 003 "Financial report"): month by month, per currency, read from the ledger of
/// the reseller's clients (through the tenant's filters, so a ResellerUser sees its operators' clients only):
/// charges (charge rows), payments, refunds, the provider's cost and the margin. The cost comes from the
/// rating engine's cost of usage; there is no usage on the ledger yet, so it is 0 and the page says so.
/// Adjustments are corrections, not sales: they are left out. Months are calendar months in UTC.
/// </summary>
public sealed class FinancialReport(PortalDbContext db, TimeProvider clock)
{
    public const int Months = 12;

    public async Task<FinancialReportModel> HandleAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var to = new DateOnly(today.Year, today.Month, 1);
        var from = to.AddMonths(1 - Months);
        var since = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var rows = await db.LedgerEntries.AsNoTracking()
            .Where(l => l.At >= since && l.Kind != LedgerKind.Adjustment)
            .GroupBy(l => new { l.Currency, l.At.UtcDateTime.Year, l.At.UtcDateTime.Month, l.Kind })
            .Select(g => new { g.Key.Currency, g.Key.Year, g.Key.Month, g.Key.Kind, Amount = g.Sum(l => l.Amount) })
            .ToListAsync(ct);

        var sections = rows.GroupBy(r => r.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(currency =>
        {
            var months = new List<FinancialMonth>();
            for (var m = from; m <= to; m = m.AddMonths(1))
            {
                var inMonth = currency.Where(r => r.Year == m.Year && r.Month == m.Month).ToList();
                decimal Sum(LedgerKind kind) => Math.Abs(inMonth.Where(r => r.Kind == kind).Sum(r => r.Amount));
                months.Add(new FinancialMonth(m.ToString("yyyy-MM", CultureInfo.InvariantCulture), Sum(LedgerKind.Charge), Sum(LedgerKind.Payment), Sum(LedgerKind.Refund), 0m));
            }

            return new FinancialSection(currency.Key, months);
        }).ToList();
        return new FinancialReportModel(from, to, sections);
    }

    /// <summary>The same numbers as CSV: one line per currency and month.</summary>
    public static string ToCsv(FinancialReportModel report)
    {
        var csv = new StringBuilder("Currency,Month,Charges,Payments,Refunds,Cost,Margin\r\n");
        foreach (var section in report.Sections)
        {
            var f = "F" + Currencies.MinorUnits(section.Currency).ToString(CultureInfo.InvariantCulture);
            foreach (var m in section.Months)
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $"{section.Currency},{m.Month},{m.Charges.ToString(f, CultureInfo.InvariantCulture)},{m.Payments.ToString(f, CultureInfo.InvariantCulture)},{m.Refunds.ToString(f, CultureInfo.InvariantCulture)},{m.Cost.ToString(f, CultureInfo.InvariantCulture)},{m.Margin.ToString(f, CultureInfo.InvariantCulture)}\r\n");
            }
        }

        return csv.ToString();
    }
}
