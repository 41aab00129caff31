using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain.Network;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Simulators;
using ResellerPortal.Simulators.StatusFeed;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Features.Network;

namespace ResellerPortal.IntegrationTests.Network;

/// <summary>The network-status job against a Statuspage-style feed on loopback, and the top bar that shows it.</summary>
public sealed class NetworkStatusTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private SimulatorHost _feed = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["NetworkStatus:FeedUrl"] = _feed.StatusFeedUrl.ToString(),
        ["NetworkStatus:PageUrl"] = _feed.StatusPageUrl.ToString(),
    };

    public override async Task InitializeAsync()
    {
        _feed = await SimulatorHost.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _feed.DisposeAsync();
    }

    [Theory]
    [InlineData("none", "green")]
    [InlineData("minor", "blue")]
    [InlineData("major", "yellow")]
    [InlineData("critical", "red")]
    public async Task The_feeds_indicator_shows_as_its_colour_linking_to_the_status_page(string indicator, string colour)
    {
        _feed.StatusFeed.Set(indicator, "whatever", StatusFeedBehaviour.Normal);

        await RefreshAsync();

        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var (_, page) = await owner.GetPageAsync("/dashboard");
        var status = page.QuerySelector("[data-network-status]")!;
        Assert.Equal(colour, status.GetAttribute("data-network-status"));
        Assert.Equal(_feed.StatusPageUrl.ToString(), status.GetAttribute("href"));
        Assert.Equal("_blank", status.GetAttribute("target"));
    }

    [Theory]
    [InlineData(StatusFeedBehaviour.Error500)]
    [InlineData(StatusFeedBehaviour.Garbage)]
    public async Task An_unreadable_feed_shows_status_unknown_never_green(StatusFeedBehaviour behaviour)
    {
        _feed.StatusFeed.Set("none", "fine", StatusFeedBehaviour.Normal);
        await RefreshAsync();
        _feed.StatusFeed.Set("none", "fine", behaviour);

        Assert.Equal(NetworkIndicator.Unknown, await RefreshAsync());

        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var (_, page) = await owner.GetPageAsync("/dashboard");
        var status = page.QuerySelector("[data-network-status]")!;
        Assert.Equal("grey", status.GetAttribute("data-network-status"));
        Assert.Contains("Status unknown", status.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_provider_can_override_the_feed_by_hand_and_hand_back()
    {
        _feed.StatusFeed.Set("none", "fine", StatusFeedBehaviour.Normal);
        await RefreshAsync();
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var (page0, form) = await admin.GetPageAsync("/admin/network-status");
        Assert.Equal(System.Net.HttpStatusCode.OK, page0.StatusCode);
        Assert.Equal("Operational", form.QuerySelector("[data-feed]")!.GetAttribute("data-feed"));

        var saved = await admin.SubmitAsync("/admin/network-status", [new("Override", nameof(NetworkIndicator.Outage)), new("Text", "Maintenance in EU-1")]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);

        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var (_, page) = await owner.GetPageAsync("/dashboard");
        var status = page.QuerySelector("[data-network-status]")!;
        Assert.Equal("red", status.GetAttribute("data-network-status"));
        Assert.Contains("Maintenance in EU-1", status.TextContent, StringComparison.Ordinal);

        await admin.SubmitAsync("/admin/network-status", [new("Override", string.Empty), new("Text", string.Empty)]);
        var (_, after) = await owner.GetPageAsync("/dashboard");
        Assert.Equal("green", after.QuerySelector("[data-network-status]")!.GetAttribute("data-network-status"));
    }

    [Fact]
    public async Task An_override_is_stamped_with_the_acting_user_and_a_too_long_text_is_refused_beside_the_field()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);

        var refused = await admin.SubmitAsync("/admin/network-status", [new("Override", nameof(NetworkIndicator.Degraded)), new("Text", new string('x', NetworkStatusSnapshot.TextMaxLength + 1))]);
        var saved = await admin.SubmitAsync("/admin/network-status", [new("Override", nameof(NetworkIndicator.Degraded)), new("Text", "Slow in US-2")]);

        Assert.Equal(System.Net.HttpStatusCode.OK, refused.StatusCode);
        var page = Browser.Parse(await refused.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-valmsg-for='Text']")?.TextContent));
        Assert.NotNull(page.QuerySelector("[data-feed]"));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        var snapshot = await AsPlatformAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.NetworkStatus));
        Assert.Equal((NetworkIndicator.Degraded, "Slow in US-2", "Platform Admin"), (snapshot.OverrideIndicator, snapshot.OverrideText, snapshot.OverrideBy));
    }

    private async Task<NetworkIndicator> RefreshAsync()
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PortalDbContext>().Tenant.UsePlatform();
        return await scope.ServiceProvider.GetRequiredService<NetworkStatusReader>().RefreshAsync(CancellationToken.None);
    }
}
