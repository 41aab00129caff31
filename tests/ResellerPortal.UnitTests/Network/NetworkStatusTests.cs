using ResellerPortal.Domain.Network;

namespace ResellerPortal.UnitTests.Network;

public sealed class NetworkStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("none", NetworkIndicator.Operational, "green")]
    [InlineData("minor", NetworkIndicator.Degraded, "blue")]
    [InlineData("major", NetworkIndicator.PartialOutage, "yellow")]
    [InlineData("critical", NetworkIndicator.Outage, "red")]
    public void Statuspage_indicators_map_to_the_manuals_colours(string indicator, NetworkIndicator expected, string colour)
    {
        var (parsed, description) = StatusFeed.Parse("{\"page\":{\"id\":\"x\"},\"status\":{\"indicator\":\"" + indicator + "\",\"description\":\"Text\"}}");

        Assert.Equal(expected, parsed);
        Assert.Equal(colour, parsed.Colour());
        Assert.Equal("Text", description);
    }

    [Theory]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("{}")]
    [InlineData("""{"status":{"indicator":"purple"}}""")]
    [InlineData("""{"status":{"indicator":3}}""")]
    [InlineData("""{"status":"none"}""")]
    [InlineData("")]
    public void Anything_else_is_a_malformed_feed(string body) =>
        Assert.Throws<FormatException>(() => StatusFeed.Parse(body));

    [Fact]
    public void A_failed_or_stale_reading_shows_status_unknown_never_green()
    {
        var snapshot = new NetworkStatusSnapshot(Now);
        snapshot.RecordReading(NetworkIndicator.Operational, "fine", Now);
        Assert.Equal(NetworkIndicator.Operational, snapshot.Shown(Now.AddMinutes(1)).Indicator);

        Assert.Equal(NetworkIndicator.Unknown, snapshot.Shown(Now + NetworkStatusSnapshot.MaxAge + TimeSpan.FromSeconds(1)).Indicator);

        snapshot.RecordFailure("timeout", Now.AddMinutes(2));
        Assert.Equal((NetworkIndicator.Unknown, "Status unknown"), snapshot.Shown(Now.AddMinutes(2)));
    }

    [Fact]
    public void A_manual_override_wins_until_it_is_cleared()
    {
        var snapshot = new NetworkStatusSnapshot(Now);
        snapshot.RecordReading(NetworkIndicator.Operational, "fine", Now);

        snapshot.SetOverride(NetworkIndicator.PartialOutage, "EU-1 maintenance", "admin");
        Assert.Equal((NetworkIndicator.PartialOutage, "EU-1 maintenance"), snapshot.Shown(Now.AddHours(5)));

        snapshot.SetOverride(null, null, "admin");
        Assert.Equal(NetworkIndicator.Operational, snapshot.Shown(Now).Indicator);
        Assert.Null(snapshot.OverrideBy);
    }
}
