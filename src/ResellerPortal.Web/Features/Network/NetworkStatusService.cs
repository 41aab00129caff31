using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Network;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Network;

/// <summary>Reads the status feed over HTTP and records the reading (or the failure) in the shared row.</summary>
public sealed class NetworkStatusReader(HttpClient http, PortalDbContext db, NetworkStatusCache cache, IOptions<NetworkStatusOptions> options, TimeProvider clock, ILogger<NetworkStatusReader> logger)
{
    public async Task<NetworkIndicator> RefreshAsync(CancellationToken ct)
    {
        var snapshot = await NetworkStatusCache.LoadOrCreateAsync(db, clock, ct);
        var url = options.Value.FeedUrl;
        var now = clock.GetUtcNow();
        if (string.IsNullOrWhiteSpace(url))
        {
            snapshot.RecordFailure("No status feed is configured (NetworkStatus:FeedUrl).", now);
        }
        else
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
                using var response = await http.GetAsync(new Uri(url), timeout.Token);
                response.EnsureSuccessStatusCode();
                var (indicator, description) = StatusFeed.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
                snapshot.RecordReading(indicator, description, now);
            }
            catch (Exception ex) when (ex is HttpRequestException or FormatException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                logger.LogWarning("Network status feed could not be read: {Error}", ex.Message);
                snapshot.RecordFailure(ex.Message, now);
            }
        }

        await db.SaveChangesAsync(ct);
        // This node shows the new reading at once; the others within their cache's few seconds.
        cache.Invalidate();
        return snapshot.FeedIndicator;
    }
}

/// <summary>What the top bar shows, read from the shared row at most every few seconds per node.</summary>
public sealed class NetworkStatusCache(IServiceScopeFactory scopes, IMemoryCache cache, IOptions<NetworkStatusOptions> options, TimeProvider clock)
{
    private const string Key = "network-status";

    public sealed record Shown(NetworkIndicator Indicator, string Text, string? PageUrl);

    public async Task<Shown> GetAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(Key, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(10);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var snapshot = await db.NetworkStatus.AsNoTracking().SingleOrDefaultAsync(s => s.Id == NetworkStatusSnapshot.SingletonId, ct);
            var (indicator, text) = snapshot?.Shown(clock.GetUtcNow()) ?? (NetworkIndicator.Unknown, NetworkIndicator.Unknown.Label());
            return new Shown(indicator, text, options.Value.PageUrl);
        }))!;

    public void Invalidate() => cache.Remove(Key);

    public static async Task<NetworkStatusSnapshot> LoadOrCreateAsync(PortalDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var snapshot = await db.NetworkStatus.SingleOrDefaultAsync(s => s.Id == NetworkStatusSnapshot.SingletonId, ct);
        if (snapshot is null)
        {
            snapshot = new NetworkStatusSnapshot(clock.GetUtcNow());
            snapshot.RecordFailure("Not read yet.", clock.GetUtcNow());
            db.NetworkStatus.Add(snapshot);
        }

        return snapshot;
    }
}
