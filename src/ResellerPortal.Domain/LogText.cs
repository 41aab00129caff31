using System.Text;

namespace ResellerPortal.Domain;

/// <summary>Makes user-supplied text safe to put in a log line: no control characters, bounded length.</summary>
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
            var encodedLength = char.IsControl(c) ? 6 : 1;
            if (builder.Length + encodedLength > MaxLength)
            {
                builder.Append('…');
                break;
            }

            if (char.IsControl(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
