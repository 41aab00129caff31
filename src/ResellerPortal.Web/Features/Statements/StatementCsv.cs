using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using ResellerPortal.Domain.Money;
using ResellerPortal.Web.Features.Clients;

namespace ResellerPortal.Web.Features.Statements;

/// <summary>A statement as CSV: an opening line, one line per row with the running balance, a closing line; amounts with the currency's decimals.</summary>
public static class StatementCsv
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.None,
        NewLine = "\r\n",
        ShouldQuote = args => args.Field is { Length: > 0 } field && field.AsSpan().IndexOfAny(",\"\r\n") >= 0,
    };

    public static async Task WriteAsync(TextWriter output, StatementModel statement)
    {
        var currency = statement.Client.Currency;
        await using var csv = new CsvWriter(output, Configuration, leaveOpen: true);
        foreach (var name in new[] { "Date (UTC)", "Type", "Description", "Amount", "Balance", "Currency" })
        {
            csv.WriteField(name);
        }

        await csv.NextRecordAsync();
        await LineAsync(csv, statement.Month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Opening", "Opening balance", string.Empty, Currencies.Figure(statement.Opening, currency), currency);
        foreach (var line in statement.Lines)
        {
            await LineAsync(
                csv,
                line.Entry.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                line.Entry.Kind.ToString(),
                line.Entry.Description,
                Currencies.Figure(line.Entry.Amount, currency),
                Currencies.Figure(line.RunningBalance, currency),
                currency);
        }

        await LineAsync(csv, statement.Month.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Closing", "Closing balance", string.Empty, Currencies.Figure(statement.Closing, currency), currency);
    }

    private static async Task LineAsync(CsvWriter csv, params string[] fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(ClientCsv.Neutralise(field) ?? string.Empty);
        }

        await csv.NextRecordAsync();
    }
}
