using ResellerPortal.Domain;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Domain.Rating;

namespace ResellerPortal.UnitTests.Rating;

/// <summary>
/// Countries that share a calling code (NANP +1, +7, +44, …) are told apart by their numbering ranges
/// (libphonenumber's region of the number), never by the shared code (issue 15, bug 3).
/// </summary>
public sealed class SharedCallingCodeTests
{
    // Numbers in ranges libphonenumber assigns to one region each.
    private const string Toronto = "+14165550123";
    private const string NewYork = "+12125550123";
    private const string London = "+442079460000";
    private const string Jersey = "+441534456789";
    private const string Moscow = "+74951234567";
    private const string Almaty = "+77272501234";

    /// <summary>The destination the package page's worked examples rate.</summary>
    private const string WorkedExample = "+10000000000";

    private static RatingTerms Terms(string areaRates = "", string freeZones = "") =>
        new("USD", 0.0025m, 20m, new Pulse(60, 60), false,
            PackageLines.ParseAreaRates(areaRates, out _), PackageLines.ParseFreeZones(freeZones, out _));

    private static RatedCall Rate(RatingTerms terms, string destination, decimal cost = 0.009m) =>
        RatingEngine.Rate(terms, new CallToRate(destination, 60, CallDirection.Outbound, cost));

    [Theory]
    [InlineData(Toronto, "CA")]
    [InlineData(NewYork, "US")]
    [InlineData(London, "GB")]
    [InlineData(Jersey, "JE")]
    [InlineData(Moscow, "RU")]
    [InlineData(Almaty, "KZ")]
    [InlineData("+33123456789", "FR")]
    [InlineData("+15551234567", "US")] // fictional 555: no region's range; the calling code's main country
    [InlineData(WorkedExample, "US")]
    [InlineData("abc", null)]
    public void The_region_of_a_number_comes_from_its_numbering_range(string number, string? region) =>
        Assert.Equal(region, PhoneNumber.RegionOf(number));

    [Theory]
    // free zone, destination → free?
    [InlineData("CA", Toronto, true)]
    [InlineData("CA", NewYork, false)]      // the bug: CA became prefix 1 and gave the US away
    [InlineData("CA", WorkedExample, false)]
    [InlineData("US", NewYork, true)]
    [InlineData("US", Toronto, false)]
    [InlineData("JE", Jersey, true)]
    [InlineData("JE", London, false)]
    [InlineData("GB", London, true)]
    [InlineData("GB", Jersey, false)]
    [InlineData("KZ", Almaty, true)]
    [InlineData("KZ", Moscow, false)]
    [InlineData("RU", Moscow, true)]
    [InlineData("RU", Almaty, false)]
    [InlineData("FR", "+33123456789", true)] // a calling code of its own: still matched by prefix 33
    [InlineData("1", NewYork, true)]         // a typed prefix means what it says
    [InlineData("1", Toronto, true)]
    public void A_free_zone_by_country_covers_that_countrys_numbers_only(string zone, string destination, bool free)
    {
        var call = Rate(Terms(freeZones: zone), destination);

        Assert.Equal(free ? RateSource.FreeZone : RateSource.Markup, call.Source);
        Assert.Equal(free, call.Sell == 0m);
    }

    [Fact]
    public void The_worked_example_with_a_Canadian_free_zone_shows_a_price_and_a_margin()
    {
        var terms = Terms(freeZones: "CA");

        foreach (var cost in new[] { 0.009m, 0.02m, 0.1m })
        {
            var call = RatingEngine.Rate(terms, new CallToRate(WorkedExample, 60, CallDirection.Outbound, cost));
            Assert.Equal(RateSource.Markup, call.Source);
            Assert.True(call.Sell > 0m, $"sell at cost {cost}");
            Assert.True(call.Margin >= 0m, $"margin at cost {cost}");
        }
    }

    [Theory]
    // table: 1 → 0.0100, CA → 0.0200, 1416 → 0.0300, GB → 0.0400, JE → 0.0500, KZ → 0.0600
    [InlineData(NewYork, "0.01", RateSource.AreaRate, "1")]      // only the calling code matches
    [InlineData(Toronto, "0.03", RateSource.AreaRate, "1416")]   // a longer typed prefix beats the country
    [InlineData("+16135550123", "0.02", RateSource.AreaRate, "CA")] // Ottawa: the country beats its shared code
    [InlineData(London, "0.04", RateSource.AreaRate, "GB")]
    [InlineData(Jersey, "0.05", RateSource.AreaRate, "JE")]
    [InlineData(Almaty, "0.06", RateSource.AreaRate, "KZ")]
    [InlineData(Moscow, "0.0138", RateSource.Markup, null)]      // RU is not in the table: (0.009 + 0.0025) × 1.2
    public void Area_rates_by_country_match_that_countrys_numbers_only(string destination, string rate, RateSource source, string? matched)
    {
        var terms = Terms(areaRates: "1 0.0100\nCA 0.0200\n1416 0.0300\nGB 0.0400\nJE 0.0500\nKZ 0.0600");

        var call = Rate(terms, destination);

        Assert.Equal(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), call.RatePerMinute);
        Assert.Equal(source, call.Source);
        Assert.Equal(matched, call.MatchedPrefix);
    }

    [Fact]
    public void A_country_that_shares_its_calling_code_is_stored_as_the_country()
    {
        var package = new Package(Guid.NewGuid(), "Standard", "USD", DateTimeOffset.UnixEpoch);
        package.SetFreeZones(PackageLines.ParseFreeZones("CA\nFR\nJE Jersey only", out var zoneErrors));
        package.SetAreaRates(PackageLines.ParseAreaRates("CA 0.02\nKZ 0.06\n1 0.01", out var rateErrors));

        Assert.Empty(zoneErrors);
        Assert.Empty(rateErrors);
        Assert.Equal("CA Canada\n33 France\nJE Jersey only\n", package.FreeZonesText);
        Assert.Equal("1 0.01\nCA 0.02 Canada\nKZ 0.06 Kazakhstan\n", package.AreaRatesText);
        Assert.Equal(["CA", null, "JE"], package.FreeZones.Select(z => z.Region));
    }

    [Fact]
    public void The_same_country_twice_in_the_rate_table_is_refused()
    {
        PackageLines.ParseAreaRates("CA 0.02\nca 0.03", out var errors);

        Assert.Single(errors);
        Assert.StartsWith("Line 2:", errors[0], StringComparison.Ordinal);
    }

    [Theory]
    // stored line → region it is read as, and whether a New York call is then free; a free CA saved before the fix
    // was stored as "1 Canada"
    [InlineData("1 Canada", "CA", false)]
    [InlineData("1 United States", "US", true)]
    [InlineData("44 United Kingdom", "GB", false)]
    [InlineData("1 toll-free", null, true)]   // a prefix with a label of its own stays a prefix
    [InlineData("1800 Canada", null, false)]
    [InlineData("33 France", null, false)]
    public void A_free_zone_stored_as_a_shared_calling_code_and_a_country_name_is_read_as_that_country(string line, string? region, bool newYorkFree)
    {
        var zone = Assert.Single(PackageLines.ParseFreeZones(line, out _));

        Assert.Equal(region, zone.Region);
        Assert.Equal(newYorkFree, Rate(Terms(freeZones: line), NewYork).Source == RateSource.FreeZone);
    }
}
