using ResellerPortal.Domain.Packages;

namespace ResellerPortal.UnitTests.Packages;

public sealed class PackageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Area_rate_lines_accept_prefixes_and_country_codes_and_report_bad_lines_by_number()
    {
        var rates = PackageLines.ParseAreaRates("44 0.0200 United Kingdom\n\n+4420 0.015 London\nFR 0.018\nXX 1\n44 0.3\n12 abc", out var errors);

        Assert.Equal(["44", "4420", "33"], rates.Select(r => r.Prefix));
        Assert.Equal("France", rates[2].Label);
        Assert.Equal(3, errors.Count);
        Assert.StartsWith("Line 5:", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("Line 6:", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("Line 7:", errors[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Free_zone_lines_accept_prefixes_countries_and_a_cost_ceiling()
    {
        var zones = PackageLines.ParseFreeZones("CA\n1800 toll-free\nmax 0.005 cheap\nmax", out var errors);

        Assert.Equal([("1", "CA", null), ("1800", null, null), (null, null, (decimal?)0.005m)], zones.Select(z => (z.Prefix, z.Region, z.MaxCostPerMinute)));
        Assert.Single(errors);
    }

    [Fact]
    public void Rates_survive_the_round_trip_through_their_stored_text()
    {
        var package = new Package(Guid.NewGuid(), "Standard", "EUR", Now);
        package.SetAreaRates(PackageLines.ParseAreaRates("4420 0.015 London\n44 0.02", out _));

        Assert.Equal("44 0.02\n4420 0.015 London\n", package.AreaRatesText);
        Assert.Equal(2, package.AreaRates.Count);
    }

    [Fact]
    public void A_copy_has_the_same_terms_under_a_new_name_and_id()
    {
        var package = new Package(Guid.NewGuid(), "Standard", "usd", Now);
        package.SetMarkup(0.0025m, 20m);
        package.SetPulse(new Pulse(30, 6));
        package.SetFees(5m, 10m);
        package.SetFreeMinutes(100);
        package.SetFreeZones(PackageLines.ParseFreeZones("CA", out _));

        var copy = package.CopyAs("Standard (copy)", Now);

        Assert.NotEqual(package.Id, copy.Id);
        Assert.Equal("Standard (copy)", copy.Name);
        Assert.Equal(package.Terms with { AreaRates = [], FreeZones = [] }, copy.Terms with { AreaRates = [], FreeZones = [] });
        Assert.Equal((5m, 10m, 100, "USD", "CA Canada\n"), (copy.MonthlyFee, copy.SetupFee, copy.FreeMinutes, copy.Currency, copy.FreeZonesText));
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(60, 0)]
    [InlineData(3601, 60)]
    public void Pulse_increments_are_1_to_3600_seconds(int first, int next)
    {
        var package = new Package(Guid.NewGuid(), "Standard", "EUR", Now);

        Assert.Throws<ArgumentOutOfRangeException>(() => package.SetPulse(new Pulse(first, next)));
    }
}
