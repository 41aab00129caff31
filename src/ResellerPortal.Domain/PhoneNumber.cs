using System.Text.RegularExpressions;

namespace ResellerPortal.Domain;

/// <summary>
/// Telephone numbers in E.164: a plus sign, a country code that does not start with 0, and at most
/// 15 digits in all. Spaces, dots, dashes and brackets people type are accepted and removed.
/// </summary>
public static partial class PhoneNumber
{
    public const int MaxLength = 16;

    /// <summary>"+44 20 7946-0000" → "+442079460000"; null when it is not E.164.</summary>
    public static string? NormalizeE164(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var compact = Separators().Replace(input.Trim(), string.Empty);
        if (compact.StartsWith("00", StringComparison.Ordinal))
        {
            compact = "+" + compact[2..];
        }

        return E164().IsMatch(compact) ? compact : null;
    }

    public static bool IsE164(string? input) => NormalizeE164(input) is not null;

    /// <summary>The digits of a dialled prefix, for rate and filter lookups: "+44 20" → "4420"; null if not digits.</summary>
    public static string? NormalizePrefix(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var compact = Separators().Replace(input.Trim(), string.Empty).TrimStart('+');
        return compact.Length is > 0 and <= 15 && compact.All(char.IsAsciiDigit) ? compact : null;
    }

    // E.164: up to 15 digits, country code never starts with 0; we require at least 8 digits to
    // catch obviously truncated numbers.
    [GeneratedRegex("^\\+[1-9][0-9]{7,14}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex E164();

    [GeneratedRegex("[\\s.\\-()/]", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();
}
