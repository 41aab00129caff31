using ResellerPortal.Domain.Money;
using ResellerPortal.Domain.Packages;

namespace ResellerPortal.Domain.Rating;

public enum CallDirection
{
    Outbound,
    Inbound,
}

/// <summary>Which rule set the sell rate of a call.</summary>
public enum RateSource
{
    /// <summary>(cost + fixed markup) × (1 + percentage).</summary>
    Markup,

    /// <summary>The longest matching per-area rate of the package.</summary>
    AreaRate,

    /// <summary>An inbound call: the DID's per-minute incoming rate.</summary>
    Incoming,

    /// <summary>An outbound call into one of the package's free zones.</summary>
    FreeZone,

    /// <summary>A call to another customer of the provider, free in this package.</summary>
    FreeOnNet,
}

/// <summary>The parts of a package that price a call.</summary>
public sealed record RatingTerms(
    string Currency,
    decimal MarkupFixed,
    decimal MarkupPercent,
    Pulse Pulse,
    bool FreeOnNetCalls,
    IReadOnlyList<AreaRate> AreaRates,
    IReadOnlyList<FreeZone> FreeZones);

/// <summary>
/// One call to price. <paramref name="CostPerMinute"/> is what the provider charges the reseller for
/// this destination; <paramref name="FreeMinutesLeft"/> what remains of the sub-account's free minutes
/// in the billing period; <paramref name="IncomingRatePerMinute"/> the DID's rate for inbound calls.
/// </summary>
public sealed record CallToRate(
    string Destination,
    int DurationSeconds,
    CallDirection Direction,
    decimal CostPerMinute,
    int FreeMinutesLeft = 0,
    bool OnNet = false,
    decimal IncomingRatePerMinute = 0m);

/// <summary>
/// The priced call. <see cref="ChargedSeconds"/> are the seconds sold after pulse rounding and free
/// minutes; <see cref="Sell"/>, <see cref="Cost"/> and <see cref="Margin"/> are money in the package's
/// currency; <see cref="RatePerMinute"/> is the exact (unrounded) sell rate used.
/// </summary>
public sealed record RatedCall(
    int ChargedSeconds,
    decimal RatePerMinute,
    decimal Sell,
    decimal Cost,
    decimal Margin,
    int FreeMinutesUsed,
    RateSource Source,
    string? MatchedPrefix);

/// <summary>
/// Prices a call under a package. Pure: no clock, no database, no I/O. The decisions (§5):
/// <list type="bullet">
/// <item><b>Markup</b>: the fixed part is added to the cost first, then the percentage applies to the
/// sum: (0.009 + 0.0025) × 1.20 = 0.0138 per minute (the seed's example; the other order would give 0.0133).</item>
/// <item><b>Per-area rates</b> replace the markup for destinations they match; the longest matching
/// prefix wins. A country that shares its calling code (NANP +1, +7, +44…) matches by the numbering ranges of
/// the destination (<see cref="PhoneNumber.RegionOf"/>), never by the shared code. <b>Free zones</b> (prefix, country or cost ceiling) and free on-net calls make an outbound call
/// free without touching the free minutes. Inbound calls are sold at the DID's incoming rate.</item>
/// <item><b>Pulse</b>: see <see cref="Pulse"/> (first increment, then every started following increment).</item>
/// <item><b>Free minutes</b> count each call rounded up to whole minutes of real duration (3 min 11 s
/// uses 4 minutes, as the manual says). A call that fits in what is left is free. When they run out
/// mid-call, the free whole minutes are taken off the pulse-rounded duration and the rest is sold.</item>
/// <item><b>Cost</b> is the provider's per-minute cost on the real duration (the provider bills the
/// reseller per second).</item>
/// <item><b>Rounding</b>: rates and intermediate amounts keep full decimal precision; only the final
/// sell and cost are rounded to the currency's minor unit (half away from zero), and the margin is
/// their difference, so sell = cost + margin holds to the cent.</item>
/// </list>
/// </summary>
public static class RatingEngine
{
    public static RatedCall Rate(RatingTerms terms, CallToRate call)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(call.DurationSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(call.CostPerMinute);
        ArgumentOutOfRangeException.ThrowIfNegative(call.FreeMinutesLeft);
        var destination = PhoneNumber.NormalizePrefix(call.Destination) ?? string.Empty;
        var cost = Currencies.Round(call.CostPerMinute * call.DurationSeconds / 60m, terms.Currency);
        var region = RegionOnce(destination);

        if (call.Direction == CallDirection.Outbound)
        {
            if (call.OnNet && terms.FreeOnNetCalls)
            {
                return Free(RateSource.FreeOnNet, null, cost);
            }

            if (terms.FreeZones.FirstOrDefault(z => z.Covers(destination, region, call.CostPerMinute)) is { } zone)
            {
                return Free(RateSource.FreeZone, zone.Key, cost);
            }
        }

        var (rate, source, prefix) = SellRate(terms, call, destination, region);
        if (call.DurationSeconds == 0)
        {
            return new RatedCall(0, rate, 0m, cost, -cost, 0, source, prefix);
        }

        var pulsed = terms.Pulse.Apply(call.DurationSeconds);
        var wholeMinutes = (call.DurationSeconds + 59) / 60;
        int freeUsed;
        int charged;
        if (call.FreeMinutesLeft >= wholeMinutes)
        {
            freeUsed = wholeMinutes;
            charged = 0;
        }
        else
        {
            freeUsed = call.FreeMinutesLeft;
            charged = Math.Max(0, pulsed - (freeUsed * 60));
        }

        var sell = Currencies.Round(rate * charged / 60m, terms.Currency);
        return new RatedCall(charged, rate, sell, cost, sell - cost, freeUsed, source, prefix);
    }

    /// <summary>The exact sell rate per minute for a destination, before pulse, free minutes and rounding.</summary>
    public static (decimal Rate, RateSource Source, string? Prefix) SellRate(RatingTerms terms, CallToRate call, string destinationDigits) =>
        SellRate(terms, call, destinationDigits, RegionOnce(destinationDigits));

    private static (decimal Rate, RateSource Source, string? Prefix) SellRate(RatingTerms terms, CallToRate call, string destinationDigits, Func<string?> region)
    {
        if (call.Direction == CallDirection.Inbound)
        {
            return (call.IncomingRatePerMinute, RateSource.Incoming, null);
        }

        AreaRate? best = null;
        var bestMatch = 0;
        foreach (var area in terms.AreaRates)
        {
            var match = area.Match(destinationDigits, region);
            if (match > bestMatch)
            {
                best = area;
                bestMatch = match;
            }
        }

        return best is not null
            ? (best.RatePerMinute, RateSource.AreaRate, best.Key)
            : ((call.CostPerMinute + terms.MarkupFixed) * (1m + (terms.MarkupPercent / 100m)), RateSource.Markup, null);
    }

    /// <summary>The destination's country (libphonenumber), worked out at most once and only if a country line asks.</summary>
    private static Func<string?> RegionOnce(string destinationDigits)
    {
        var region = new Lazy<string?>(() => PhoneNumber.RegionOf(destinationDigits));
        return () => region.Value;
    }

    private static RatedCall Free(RateSource source, string? prefix, decimal cost) => new(0, 0m, 0m, cost, -cost, 0, source, prefix);
}
