using System.Globalization;
using System.Text;

namespace ResellerPortal.Web.Features.Clients;

/// <summary>
/// RFC 4180 fields: quoted when they hold a comma, quote or line break, quotes doubled. A field that
/// starts like a spreadsheet formula (= + - @ tab CR) gets a leading apostrophe so opening the export
/// cannot run it (CSV injection), except plain numbers, which stay numbers.
/// </summary>
public static class Csv
{
    public static void AppendField(StringBuilder line, string? value)
    {
        if (line.Length > 0)
        {
            line.Append(',');
        }

        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(value);
            return;
        }

        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    public static void AppendField(StringBuilder line, decimal? value) =>
        AppendField(line, value?.ToString(CultureInfo.InvariantCulture));
}
