using System.Globalization;
using System.Text;

namespace ResellerPortal.Domain.Packages;

/// <summary>
/// A per-area sell rate that replaces the package's markup for numbers starting with
/// <see cref="Prefix"/> (digits of the international number, e.g. "44" or "4420"). The longest
/// matching prefix wins (§5). A country that shares its calling code with others (CA, JE, KZ…) is kept
/// as <see cref="Region"/> and matches the numbers of that country's own ranges only (see
/// <see cref="PhoneNumber.RegionOf"/>); <see cref="Prefix"/> is then its calling code, for ordering.
/// </summary>
public sealed record AreaRate(string Prefix, decimal RatePerMinute, string Label, string? Region = null)
{
    /// <summary>
    /// How specifically this rate matches the destination, 0 when it does not: twice the prefix length, and one more
    /// for a country matched by its ranges, so "CA" beats its shared code "1" but loses to a longer typed prefix ("1416").
    /// </summary>
    public int Match(string destinationDigits, Func<string?> regionOfDestination) =>
        Region is not null
            ? (regionOfDestination() == Region ? (Prefix.Length * 2) + 1 : 0)
            : destinationDigits.StartsWith(Prefix, StringComparison.Ordinal) ? Prefix.Length * 2 : 0;

    /// <summary>What the rate table's line says: the country code, or the prefix.</summary>
    public string Key => Region ?? Prefix;
}

/// <summary>
/// A zone where outbound calls are free: numbers starting with <see cref="Prefix"/>, or any destination
/// whose provider cost per minute is at most <see cref="MaxCostPerMinute"/> (the manual's "per maximum
/// calling per minute cost rate"). A country that shares its calling code (CA, US, JE, KZ…) is kept as
/// <see cref="Region"/> and covers the numbers of its own ranges only: a free "CA" must not make every
/// +1 call free (issue 15). <see cref="Prefix"/> is then its calling code, for people reading it.
/// </summary>
public sealed record FreeZone(string? Prefix, decimal? MaxCostPerMinute, string Label, string? Region = null)
{
    public bool Covers(string destinationDigits, decimal costPerMinute) =>
        Covers(destinationDigits, () => PhoneNumber.RegionOf(destinationDigits), costPerMinute);

    /// <summary>As above, with the destination's region worked out by the caller only when a zone needs it.</summary>
    public bool Covers(string destinationDigits, Func<string?> regionOfDestination, decimal costPerMinute) =>
        (Region is not null
            ? regionOfDestination() == Region
            : Prefix is not null && destinationDigits.StartsWith(Prefix, StringComparison.Ordinal))
        || (MaxCostPerMinute is { } max && costPerMinute <= max);

    /// <summary>What the zone's line says: the country code, the prefix, or null for a cost ceiling.</summary>
    public string? Key => Region ?? Prefix;
}

/// <summary>
/// The text form of area rates and free zones, one per line, as people type them in the package form
/// and as they are stored (so the audit trail shows a readable old → new):
/// <code>
/// 44 0.0200 United Kingdom      (area rate: prefix or country code, rate per minute, label)
/// GB                            (free zone by country)
/// 4420 London                   (free zone by prefix)
/// max 0.0050 cheap destinations (free zone by cost ceiling)
/// </code>
/// </summary>
public static class PackageLines
{
    public const int MaxLines = 500;

    public static IReadOnlyList<AreaRate> ParseAreaRates(string? text, out IReadOnlyList<string> errors)
    {
        var rates = new List<AreaRate>();
        var problems = new List<string>();
        foreach (var (number, parts) in Lines(text))
        {
            if (parts.Length < 2)
            {
                problems.Add($"Line {number}: write a prefix or country code, then the rate per minute (e.g. \"44 0.0200 United Kingdom\").");
                continue;
            }

            var prefix = ResolvePrefix(parts[0], out var countryName, out var region);
            if (prefix is null)
            {
                problems.Add($"Line {number}: \"{parts[0]}\" is neither a dialling prefix nor a known country code.");
                continue;
            }

            if (!decimal.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) || rate > 1000m)
            {
                problems.Add($"Line {number}: \"{parts[1]}\" is not a rate per minute (use a dot for decimals, e.g. 0.0200).");
                continue;
            }

            if (rates.Any(r => r.Key == (region ?? prefix)))
            {
                problems.Add(region is null ? $"Line {number}: prefix {prefix} is listed twice." : $"Line {number}: {region} is listed twice.");
                continue;
            }

            rates.Add(new AreaRate(prefix, rate, parts.Length > 2 ? string.Join(' ', parts[2..]) : countryName ?? string.Empty, region));
        }

        CheckCount(rates.Count, problems);
        errors = problems;
        return rates;
    }

    public static IReadOnlyList<FreeZone> ParseFreeZones(string? text, out IReadOnlyList<string> errors)
    {
        var zones = new List<FreeZone>();
        var problems = new List<string>();
        foreach (var (number, parts) in Lines(text))
        {
            if (string.Equals(parts[0], "max", StringComparison.OrdinalIgnoreCase))
            {
                if (parts.Length < 2 || !decimal.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var max) || max > 1000m)
                {
                    problems.Add($"Line {number}: after \"max\" write the highest cost per minute that is free (e.g. max 0.0050).");
                    continue;
                }

                zones.Add(new FreeZone(null, max, parts.Length > 2 ? string.Join(' ', parts[2..]) : string.Empty));
                continue;
            }

            var prefix = ResolvePrefix(parts[0], out var countryName, out var region);
            if (prefix is null)
            {
                problems.Add($"Line {number}: \"{parts[0]}\" is neither a dialling prefix, a known country code nor \"max <cost>\".");
                continue;
            }

            var label = parts.Length > 1 ? string.Join(' ', parts[1..]) : countryName ?? string.Empty;
            zones.Add(new FreeZone(prefix, null, label, region ?? StoredAsCallingCode(prefix, label)));
        }

        CheckCount(zones.Count, problems);
        errors = problems;
        return zones;
    }

    public static string FormatAreaRates(IEnumerable<AreaRate> rates)
    {
        var text = new StringBuilder();
        foreach (var rate in rates.OrderBy(r => r.Prefix, StringComparer.Ordinal).ThenBy(r => r.Region, StringComparer.Ordinal))
        {
            text.Append(rate.Key).Append(' ').Append(rate.RatePerMinute.ToString(CultureInfo.InvariantCulture));
            if (rate.Label.Length > 0)
            {
                text.Append(' ').Append(rate.Label);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public static string FormatFreeZones(IEnumerable<FreeZone> zones)
    {
        var text = new StringBuilder();
        foreach (var zone in zones)
        {
            text.Append(zone.Key ?? "max " + zone.MaxCostPerMinute!.Value.ToString(CultureInfo.InvariantCulture));
            if (zone.Label.Length > 0)
            {
                text.Append(' ').Append(zone.Label);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// A country code (e.g. "FR") becomes its calling code; one whose calling code other countries share ("CA",
    /// "JE", "KZ") also keeps the country as <paramref name="region"/>, so it is matched by its own ranges. Digits
    /// (with an optional +) stay a prefix.
    /// </summary>
    private static string? ResolvePrefix(string token, out string? countryName, out string? region)
    {
        countryName = null;
        region = null;
        if (token.Length == 2 && char.IsAsciiLetter(token[0]) && char.IsAsciiLetter(token[1]))
        {
            var code = Countries.Normalize(token);
            var calling = PhoneNumber.CallingCodeOf(code);
            if (calling is null)
            {
                return null;
            }

            countryName = Countries.NameOf(code);
            region = PhoneNumber.SharesCallingCode(code) ? code : null;
            return calling;
        }

        return PhoneNumber.NormalizePrefix(token);
    }

    /// <summary>
    /// Before countries sharing a calling code were told apart, a free zone typed as "CA" was stored as its calling
    /// code and the country's name ("1 Canada") and gave away every +1 call. Such a line, the calling code followed by
    /// exactly the name of a country that shares it, is read as that country, so stored packages stop giving the US
    /// away without being edited. (Area rates keep their prefix: a rate for "44 United Kingdom" is as often typed.)
    /// </summary>
    private static string? StoredAsCallingCode(string prefix, string label) =>
        Countries.All.FirstOrDefault(c => c.CallingCode == prefix && c.Name == label) is { } country && PhoneNumber.SharesCallingCode(country.Code)
            ? country.Code
            : null;

    private static IEnumerable<(int Number, string[] Parts)> Lines(string? text)
    {
        var number = 0;
        foreach (var line in (text ?? string.Empty).Split('\n'))
        {
            number++;
            var parts = line.Split([' ', '\t', ';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length > 0)
            {
                yield return (number, parts);
            }
        }
    }

    private static void CheckCount(int count, List<string> problems)
    {
        if (count > MaxLines)
        {
            problems.Add($"At most {MaxLines} lines.");
        }
    }
}
