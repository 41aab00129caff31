using System.Text.RegularExpressions;

namespace ResellerPortal.Domain.Clients;

/// <summary>
/// The format of EU VAT numbers per member state (the VIES patterns). This is only the offline
/// check: whether a number is really registered needs VIES, which sits behind an interface in the
/// web project so an online check can be added where the network allows it.
/// </summary>
public static partial class EuVat
{
    // Greece's VAT prefix is EL, not its ISO code GR.
    private static readonly Dictionary<string, (string Prefix, Regex Pattern)> Formats = new(StringComparer.Ordinal)
    {
        ["AT"] = ("AT", Rx("U[0-9]{8}")),
        ["BE"] = ("BE", Rx("[01][0-9]{9}")),
        ["BG"] = ("BG", Rx("[0-9]{9,10}")),
        ["CY"] = ("CY", Rx("[0-9]{8}[A-Z]")),
        ["CZ"] = ("CZ", Rx("[0-9]{8,10}")),
        ["DE"] = ("DE", Rx("[0-9]{9}")),
        ["DK"] = ("DK", Rx("[0-9]{8}")),
        ["EE"] = ("EE", Rx("[0-9]{9}")),
        ["GR"] = ("EL", Rx("[0-9]{9}")),
        ["ES"] = ("ES", Rx("[A-Z0-9][0-9]{7}[A-Z0-9]")),
        ["FI"] = ("FI", Rx("[0-9]{8}")),
        ["FR"] = ("FR", Rx("[A-HJ-NP-Z0-9]{2}[0-9]{9}")),
        ["HR"] = ("HR", Rx("[0-9]{11}")),
        ["HU"] = ("HU", Rx("[0-9]{8}")),
        ["IE"] = ("IE", Rx("([0-9]{7}[A-W][A-I]?|[0-9][A-Z+*][0-9]{5}[A-W])")),
        ["IT"] = ("IT", Rx("[0-9]{11}")),
        ["LT"] = ("LT", Rx("([0-9]{9}|[0-9]{12})")),
        ["LU"] = ("LU", Rx("[0-9]{8}")),
        ["LV"] = ("LV", Rx("[0-9]{11}")),
        ["MT"] = ("MT", Rx("[0-9]{8}")),
        ["NL"] = ("NL", Rx("[0-9]{9}B[0-9]{2}")),
        ["PL"] = ("PL", Rx("[0-9]{10}")),
        ["PT"] = ("PT", Rx("[0-9]{9}")),
        ["RO"] = ("RO", Rx("[0-9]{2,10}")),
        ["SE"] = ("SE", Rx("[0-9]{12}")),
        ["SI"] = ("SI", Rx("[0-9]{8}")),
        ["SK"] = ("SK", Rx("[0-9]{10}")),
    };

    /// <summary>
    /// The number in its canonical form (prefix, no spaces, dots or dashes), e.g. "de 123.456.789" →
    /// "DE123456789"; null when it does not have the country's format.
    /// </summary>
    public static string? Normalize(string? countryCode, string? number)
    {
        if (string.IsNullOrWhiteSpace(number) || !Formats.TryGetValue(Countries.Normalize(countryCode), out var format))
        {
            return null;
        }

        var compact = Separators().Replace(number, string.Empty).ToUpperInvariant();
        if (compact.StartsWith(format.Prefix, StringComparison.Ordinal))
        {
            compact = compact[format.Prefix.Length..];
        }

        return format.Pattern.IsMatch(compact) ? format.Prefix + compact : null;
    }

    public static bool IsValidFormat(string? countryCode, string? number) => Normalize(countryCode, number) is not null;

    private static Regex Rx(string body) => new("^" + body + "\\z", RegexOptions.CultureInvariant);

    [GeneratedRegex("[\\s.\\-]", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();
}
