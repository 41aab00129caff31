using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Web.Features.Records;

namespace ResellerPortal.Web.Features.Clients;

/// <summary>
/// The clients export as CSV, written by CsvHelper: RFC 4180 fields, quoted when they hold a comma,
/// quote or line break, quotes doubled, CRLF between records. A cell that starts like a spreadsheet
/// formula (= + - @ tab CR) gets a leading apostrophe so opening the export cannot run it (CSV
/// injection), except plain numbers, which stay numbers.
/// </summary>
public static class ClientCsv
{
    private static readonly string[] Header =
    [
        "Id", "FirstName", "LastName", "Company", "Address", "City", "State", "Country", "Zip", "Email", "Phone", "Currency", "VatNumber",
        "NextBillingDate", "Status", "BalanceManagement", "LowBalanceThreshold", "LowBalanceEmail", "Balance", "CreatedAt",
    ];

    /// <summary>
    /// CsvHelper's own <see cref="InjectionOptions.Escape"/> would also escape every negative amount
    /// ("-4.00" becomes "'-4.00", text in a spreadsheet), so the portal keeps its rule in
    /// <see cref="Neutralise"/>; quoting is CsvHelper's, with the same characters as RFC 4180 names
    /// (its default would also quote a leading or trailing space, which needs no quotes).
    /// </summary>
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.None,
        NewLine = "\r\n",
        ShouldQuote = args => args.Field is { Length: > 0 } field && field.AsSpan().IndexOfAny(",\"\r\n") >= 0,
    };

    public static async Task WriteAsync(TextWriter output, IAsyncEnumerable<ClientExportRow> rows, ResellerNames? resellers, CancellationToken ct)
    {
        await using var csv = new CsvWriter(output, Configuration, leaveOpen: true);
        foreach (var name in Header)
        {
            csv.WriteField(name);
        }

        if (resellers is not null)
        {
            csv.WriteField("Reseller");
        }

        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(ct))
        {
            Field(csv, row.Id.ToString());
            Field(csv, row.FirstName);
            Field(csv, row.LastName);
            Field(csv, row.Company);
            Field(csv, row.Address);
            Field(csv, row.City);
            Field(csv, row.State);
            Field(csv, row.Country);
            Field(csv, row.Zip);
            Field(csv, row.Email);
            Field(csv, row.Phone);
            Field(csv, row.Currency);
            Field(csv, row.VatNumber);
            Field(csv, row.NextBillingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Field(csv, Client.Label(row.Status));
            Field(csv, row.BalanceManagement.ToString().ToUpperInvariant());
            Field(csv, row.LowBalanceThreshold?.ToString(CultureInfo.InvariantCulture));
            Field(csv, row.LowBalanceEmail);
            Field(csv, row.Balance.ToString(CultureInfo.InvariantCulture));
            Field(csv, row.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            if (resellers is not null)
            {
                Field(csv, resellers.Of(row.ResellerId));
            }

            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }

    /// <summary>"=HYPERLINK(…)" → "'=HYPERLINK(…)"; "-4.00" and "+1.5" stay as they are; null → null.</summary>
    public static string? Neutralise(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
            ? "'" + value
            : value;

    private static void Field(CsvWriter csv, string? value) => csv.WriteField(Neutralise(value) ?? string.Empty);
}
