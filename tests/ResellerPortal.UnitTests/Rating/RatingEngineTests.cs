using System.Globalization;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Domain.Rating;

namespace ResellerPortal.UnitTests.Rating;

/// <summary>Every expectation below is worked out by hand in the comment beside it.</summary>
public sealed class RatingEngineTests
{
    private static RatingTerms Terms(
        decimal fixedMarkup = 0m, decimal percent = 0m, int first = 60, int next = 60, string currency = "EUR",
        string areaRates = "", string freeZones = "", bool freeOnNet = false) =>
        new(currency, fixedMarkup, percent, new Pulse(first, next), freeOnNet,
            PackageLines.ParseAreaRates(areaRates, out _), PackageLines.ParseFreeZones(freeZones, out _));

    private static decimal D(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    [Fact]
    public void Seed_example_cost_0_009_plus_fixed_0_0025_plus_20_percent_sells_at_0_0138_per_minute()
    {
        // (0.009 + 0.0025) × 1.20 = 0.0115 × 1.2 = 0.0138
        var call = RatingEngine.Rate(Terms(0.0025m, 20m), new CallToRate("+15551234567", 60, CallDirection.Outbound, 0.009m));

        Assert.Equal(0.0138m, call.RatePerMinute);
        Assert.Equal(RateSource.Markup, call.Source);
        Assert.Equal(60, call.ChargedSeconds);
    }

    [Theory]
    // duration, sell, cost, margin — seed example rate 0.0138/min, cost 0.009/min, EUR (2 decimals), pulse 60/60.
    [InlineData(60, "0.01", "0.01", "0.00")]   // 0.0138 → 0.01; 0.009 → 0.01
    [InlineData(600, "0.14", "0.09", "0.05")]  // 10 × 0.0138 = 0.138 → 0.14 (rounded once, not 10 × 0.01 = 0.10); 0.09
    [InlineData(3600, "0.83", "0.54", "0.29")] // 60 × 0.0138 = 0.828 → 0.83; 60 × 0.009 = 0.54
    [InlineData(90, "0.03", "0.01", "0.02")]   // pulse 120 s: 2 × 0.0138 = 0.0276 → 0.03; cost on 90 s: 0.0135 → 0.01
    public void Money_is_rounded_to_the_currency_once_at_the_end(int seconds, string sell, string cost, string margin)
    {
        var call = RatingEngine.Rate(Terms(0.0025m, 20m), new CallToRate("+15551234567", seconds, CallDirection.Outbound, 0.009m));

        Assert.Equal(D(sell), call.Sell);
        Assert.Equal(D(cost), call.Cost);
        Assert.Equal(D(margin), call.Margin);
        Assert.Equal(call.Sell, call.Cost + call.Margin);
    }

    [Theory]
    // first/next increment, call seconds → billed seconds
    [InlineData(60, 60, 0, 0)]      // not answered: nothing
    [InlineData(60, 60, 1, 60)]     // one second: the whole first increment
    [InlineData(60, 60, 60, 60)]    // exactly one increment
    [InlineData(60, 60, 61, 120)]   // one second over: a second increment
    [InlineData(6, 6, 0, 0)]
    [InlineData(6, 6, 1, 6)]
    [InlineData(6, 6, 6, 6)]
    [InlineData(6, 6, 7, 12)]
    [InlineData(30, 6, 1, 30)]      // 30/6: a first block of 30 s…
    [InlineData(30, 6, 30, 30)]
    [InlineData(30, 6, 31, 36)]     // …then 6 s steps
    [InlineData(1, 1, 59, 59)]      // per second
    public void Pulse_bills_the_first_increment_then_every_started_following_one(int first, int next, int seconds, int billed)
    {
        Assert.Equal(billed, new Pulse(first, next).Apply(seconds));

        // 1.00 per minute, so the sell price shows the billed seconds: billed / 60, rounded to cents.
        var call = RatingEngine.Rate(Terms(first: first, next: next), new CallToRate("+15551234567", seconds, CallDirection.Outbound, 1m));
        Assert.Equal(billed, call.ChargedSeconds);
        Assert.Equal(Math.Round(billed / 60m, 2, MidpointRounding.AwayFromZero), call.Sell);
    }

    [Theory]
    // free minutes left, seconds → free minutes used, billed seconds, sell at 1.00/min (pulse 60/60)
    [InlineData(3, 150, 3, 0, "0.00")]    // 2 min 30 s rounds up to 3 minutes: fits, all free
    [InlineData(2, 150, 2, 60, "1.00")]   // runs out mid-call: pulse 180 s − 2 free minutes = 60 s sold
    [InlineData(1, 61, 1, 60, "1.00")]    // 120 s pulsed − 60 s free
    [InlineData(5, 191, 4, 0, "0.00")]    // 3 min 11 s uses 4 minutes (the manual's example)
    [InlineData(0, 30, 0, 60, "1.00")]    // none left
    [InlineData(10, 0, 0, 0, "0.00")]     // unanswered calls use nothing
    public void Free_minutes_are_whole_minutes_rounded_up_per_call(int left, int seconds, int used, int billed, string sell)
    {
        var call = RatingEngine.Rate(Terms(), new CallToRate("+15551234567", seconds, CallDirection.Outbound, 1m, FreeMinutesLeft: left));

        Assert.Equal(used, call.FreeMinutesUsed);
        Assert.Equal(billed, call.ChargedSeconds);
        Assert.Equal(D(sell), call.Sell);
    }

    [Fact]
    public void Free_minutes_running_out_mid_call_with_a_6_second_pulse_sell_only_the_rest()
    {
        // 150 s at 6/6 = 150 s pulsed; 2 free minutes cover 120 s; 30 s sold at 0.60/min = 0.30.
        var call = RatingEngine.Rate(Terms(first: 6, next: 6), new CallToRate("+15551234567", 150, CallDirection.Outbound, 0.60m, FreeMinutesLeft: 2));

        Assert.Equal((2, 30, 0.30m), (call.FreeMinutesUsed, call.ChargedSeconds, call.Sell));
    }

    [Theory]
    // destination → rate, source, matched prefix; table: 44 → 0.0200, 4420 → 0.0150, 1 → 0.0100
    [InlineData("+442079460000", "0.015", RateSource.AreaRate, "4420")] // London: the longer prefix wins over 44
    [InlineData("+441612345678", "0.02", RateSource.AreaRate, "44")]    // Manchester: only 44 matches
    [InlineData("+15551234567", "0.01", RateSource.AreaRate, "1")]
    [InlineData("+33123456789", "0.012", RateSource.Markup, null)]      // no area: (0.01 + 0) × 1.2 = 0.012
    public void The_longest_matching_prefix_overrides_shorter_ones_and_the_markup(string destination, string rate, RateSource source, string? prefix)
    {
        var terms = Terms(percent: 20m, areaRates: "1 0.0100\n44 0.0200 United Kingdom\n4420 0.0150 London");

        var call = RatingEngine.Rate(terms, new CallToRate(destination, 60, CallDirection.Outbound, 0.01m));

        Assert.Equal(D(rate), call.RatePerMinute);
        Assert.Equal(source, call.Source);
        Assert.Equal(prefix, call.MatchedPrefix);
    }

    [Fact]
    public void A_country_code_in_the_rate_table_is_its_calling_code()
    {
        var terms = Terms(areaRates: "GB 0.0300");

        Assert.Equal(0.03m, RatingEngine.Rate(terms, new CallToRate("+442079460000", 60, CallDirection.Outbound, 0.01m)).RatePerMinute);
    }

    [Theory]
    [InlineData("+33123456789", 0.05, RateSource.FreeZone)]    // zone by prefix 33
    [InlineData("+4915112345678", 0.0008, RateSource.FreeZone)] // zone by cost ceiling 0.001
    [InlineData("+4915112345678", 0.05, RateSource.Markup)]     // neither
    public void Free_zones_make_outbound_calls_free_without_using_free_minutes(string destination, double cost, RateSource source)
    {
        var terms = Terms(percent: 10m, freeZones: "33 France\nmax 0.001");

        var call = RatingEngine.Rate(terms, new CallToRate(destination, 120, CallDirection.Outbound, (decimal)cost, FreeMinutesLeft: 10));

        Assert.Equal(source, call.Source);
        if (source == RateSource.FreeZone)
        {
            Assert.Equal((0m, 0, 0), (call.Sell, call.ChargedSeconds, call.FreeMinutesUsed));
        }
        else
        {
            Assert.Equal(2, call.FreeMinutesUsed);
        }
    }

    [Fact]
    public void On_net_calls_are_free_only_when_the_package_says_so()
    {
        var call = new CallToRate("+15551234567", 60, CallDirection.Outbound, 0.01m, OnNet: true);

        Assert.Equal(RateSource.FreeOnNet, RatingEngine.Rate(Terms(freeOnNet: true), call).Source);
        Assert.Equal(0m, RatingEngine.Rate(Terms(freeOnNet: true), call).Sell);
        Assert.Equal(RateSource.Markup, RatingEngine.Rate(Terms(freeOnNet: false), call).Source);
    }

    [Fact]
    public void Inbound_calls_sell_at_the_DIDs_incoming_rate_and_use_free_minutes()
    {
        // 125 s at 60/60 = 180 s; 1 free minute → 120 s at 0.05/min = 0.10; cost 0.01 × 125/60 = 0.0208 → 0.02
        var call = RatingEngine.Rate(Terms(0.5m, 50m), new CallToRate("+15551234567", 125, CallDirection.Inbound, 0.01m, FreeMinutesLeft: 1, IncomingRatePerMinute: 0.05m));

        Assert.Equal((RateSource.Incoming, 0.05m, 120, 0.10m, 0.02m, 0.08m), (call.Source, call.RatePerMinute, call.ChargedSeconds, call.Sell, call.Cost, call.Margin));
    }

    [Theory]
    // JPY has no minor unit: 10 JPY/min + 20 % = 12/min.
    [InlineData(60, 60, 90, "24")]  // 120 s → 24
    [InlineData(6, 6, 95, "19")]    // 96 s → 12 × 1.6 = 19.2 → 19
    public void Currencies_without_cents_round_to_whole_units(int first, int next, int seconds, string sell)
    {
        var call = RatingEngine.Rate(Terms(percent: 20m, first: first, next: next, currency: "JPY"), new CallToRate("+81312345678", seconds, CallDirection.Outbound, 10m));

        Assert.Equal(D(sell), call.Sell);
    }

    [Fact]
    public void A_negative_duration_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RatingEngine.Rate(Terms(), new CallToRate("+15551234567", -1, CallDirection.Outbound, 0.01m)));
    }
}
