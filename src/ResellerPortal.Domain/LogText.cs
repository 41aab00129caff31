using System.Globalization;
using System.Text;

namespace ResellerPortal.Domain;

/// <summary>
/// Makes user-supplied text safe to put in a log line: control characters, line and paragraph
/// separators and invisible format characters (e.g. bidi overrides) become <c>\uXXXX</c>, a
/// backslash becomes <c>\\</c> so an escape in the input cannot pass for ours, and the length is bounded.
/// </summary>
public static class LogText
{
    public const int MaxLength = 200;

    public static string Encode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(Math.Min(value.Length, MaxLength));
        foreach (var c in value)
        {
            // An escape takes six characters, so check the room it needs rather than the room used.
            var escaped = MustEscape(c);
            var encodedLength = escaped ? 6 : c == '\\' ? 2 : 1;
            if (builder.Length + encodedLength > MaxLength)
            {
                builder.Append('…');
                break;
            }

            if (escaped)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else if (c == '\\')
            {
                builder.Append("\\\\");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool MustEscape(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format;
}
