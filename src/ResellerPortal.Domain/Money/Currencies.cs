namespace ResellerPortal.Domain.Money;

/// <summary>
/// ISO 4217 currencies the portal bills in, with their minor units (the number of decimals an
/// amount is rounded to). Amounts are always <see cref="decimal"/>; rounding is half away from
/// zero, the rule people expect on an invoice (banker's rounding surprises them on .5 cents).
/// </summary>
public static class Currencies
{
    private static readonly Dictionary<string, int> MinorUnitsByCode = new(StringComparer.Ordinal)
    {
        ["AED"] = 2,
        ["ARS"] = 2,
        ["AUD"] = 2,
        ["BGN"] = 2,
        ["BHD"] = 3,
        ["BRL"] = 2,
        ["CAD"] = 2,
        ["CHF"] = 2,
        ["CLP"] = 0,
        ["CNY"] = 2,
        ["COP"] = 2,
        ["CZK"] = 2,
        ["DKK"] = 2,
        ["EGP"] = 2,
        ["EUR"] = 2,
        ["GBP"] = 2,
        ["HKD"] = 2,
        ["HUF"] = 2,
        ["IDR"] = 2,
        ["ILS"] = 2,
        ["INR"] = 2,
        ["ISK"] = 0,
        ["JOD"] = 3,
        ["JPY"] = 0,
        ["KRW"] = 0,
        ["KWD"] = 3,
        ["MAD"] = 2,
        ["MXN"] = 2,
        ["MYR"] = 2,
        ["NOK"] = 2,
        ["NZD"] = 2,
        ["OMR"] = 3,
        ["PHP"] = 2,
        ["PLN"] = 2,
        ["QAR"] = 2,
        ["RON"] = 2,
        ["RSD"] = 2,
        ["SAR"] = 2,
        ["SEK"] = 2,
        ["SGD"] = 2,
        ["THB"] = 2,
        ["TND"] = 3,
        ["TRY"] = 2,
        ["TWD"] = 2,
        ["UAH"] = 2,
        ["USD"] = 2,
        ["VND"] = 0,
        ["ZAR"] = 2,
    };

    public static IReadOnlyCollection<string> Codes { get; } = [.. MinorUnitsByCode.Keys.Order(StringComparer.Ordinal)];

    public static string Normalize(string? code) => (code ?? string.Empty).Trim().ToUpperInvariant();

    public static bool IsKnown(string? code) => MinorUnitsByCode.ContainsKey(Normalize(code));

    public static int MinorUnits(string code) =>
        MinorUnitsByCode.TryGetValue(Normalize(code), out var units)
            ? units
            : throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown ISO 4217 currency.");

    /// <summary>Rounds an amount to the currency's minor unit, half away from zero.</summary>
    public static decimal Round(decimal amount, string currency) =>
        Math.Round(amount, MinorUnits(currency), MidpointRounding.AwayFromZero);

    /// <summary>True when the amount has no more decimals than the currency allows (e.g. 1.005 EUR is refused).</summary>
    public static bool FitsMinorUnits(decimal amount, string currency) => Round(amount, currency) == amount;

    /// <summary>
    /// The amount as given, or <see cref="TooManyDecimalsException"/> (a refusal beside <paramref name="field"/>)
    /// when it has more decimals than the currency: amounts a person types are never rounded silently.
    /// </summary>
    public static decimal RequireMinorUnits(decimal amount, string currency, string field = "Amount") =>
        FitsMinorUnits(amount, currency) ? amount : throw new TooManyDecimalsException(field, amount, currency);

    /// <summary>
    /// The one way an amount is shown: with exactly the currency's decimals (0 JPY, 2 EUR, 3 KWD), invariant
    /// digits, a minus sign when negative, and the currency code: "1234.50 EUR".
    /// </summary>
    public static string Show(decimal amount, string currency) => Figure(amount, currency) + " " + Normalize(currency);

    /// <summary>The number of <see cref="Show"/> without the code, for a column whose heading names the currency.</summary>
    public static string Figure(decimal amount, string currency) =>
        Round(amount, currency).ToString("F" + MinorUnits(currency).ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
}
