namespace ResellerPortal.Domain.Money;

/// <summary>
/// An amount a person typed has more decimals than its currency (0.001 EUR, 1.5 JPY). A rule the input
/// breaks, so it is shown beside the amount field, never a 500.
/// </summary>
public sealed class TooManyDecimalsException(string field, decimal amount, string currency)
    : RuleViolationException(field, Describe(currency))
{
    public decimal Amount { get; } = amount;

    public string Currency { get; } = Currencies.Normalize(currency);

    /// <summary>"EUR has 2 decimals: enter at most 2 digits after the point."</summary>
    public static string Describe(string currency)
    {
        var units = Currencies.MinorUnits(currency);
        var code = Currencies.Normalize(currency);
        return units == 0
            ? $"{code} has no decimals: enter a whole amount."
            : $"{code} has {units} decimal{(units == 1 ? "" : "s")}: enter at most {units} digit{(units == 1 ? "" : "s")} after the point.";
    }
}
