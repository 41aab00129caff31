using System.Text.Json;

namespace ResellerPortal.Domain.Network;

/// <summary>The colours of §9's network-status dot. Unknown is shown when the feed cannot be read: never green by default.</summary>
public enum NetworkIndicator
{
    Unknown,
    Operational,
    Degraded,
    PartialOutage,
    Outage,
}

public static class NetworkIndicatorText
{
    public static string Colour(this NetworkIndicator indicator) => indicator switch
    {
        NetworkIndicator.Operational => "green",
        NetworkIndicator.Degraded => "blue",
        NetworkIndicator.PartialOutage => "yellow",
        NetworkIndicator.Outage => "red",
        NetworkIndicator.Unknown => "grey",
    };

    public static string Label(this NetworkIndicator indicator) => indicator switch
    {
        NetworkIndicator.Operational => "All systems operational",
        NetworkIndicator.Degraded => "Degraded performance",
        NetworkIndicator.PartialOutage => "Partial outage",
        NetworkIndicator.Outage => "Outage",
        NetworkIndicator.Unknown => "Status unknown",
    };
}

/// <summary>
/// Reads an Atlassian Statuspage <c>/api/v2/status.json</c> document. Mapping of
/// <c>status.indicator</c>: none → green (operational), minor → blue (degraded performance),
/// major → yellow (partial outage), critical → red (outage). Statuspage's own "minor" means
/// degraded or partially affected, which is the manual's blue; "major" is a partial outage and
/// "critical" a full one. Anything else is a malformed feed.
/// </summary>
public static class StatusFeed
{
    public static (NetworkIndicator Indicator, string? Description) Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object
                || !status.TryGetProperty("indicator", out var indicator) || indicator.ValueKind != JsonValueKind.String)
            {
                throw new FormatException("The feed has no status.indicator.");
            }

            var description = status.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            return (indicator.GetString() switch
            {
                "none" => NetworkIndicator.Operational,
                "minor" => NetworkIndicator.Degraded,
                "major" => NetworkIndicator.PartialOutage,
                "critical" => NetworkIndicator.Outage,
                var other => throw new FormatException($"Unknown status indicator '{other}'."),
            }, description);
        }
        catch (JsonException ex)
        {
            throw new FormatException("The feed is not JSON.", ex);
        }
    }
}

/// <summary>
/// The status the whole cluster shows (one row): the last reading of the feed and, when the
/// provider's staff set one, a manual override that wins over the feed.
/// </summary>
public sealed class NetworkStatusSnapshot
{
    public const int SingletonId = 1;
    public const int TextMaxLength = 300;

    private NetworkStatusSnapshot()
    {
    }

    public NetworkStatusSnapshot(DateTimeOffset now)
    {
        Id = SingletonId;
        CheckedAt = now;
    }

    public int Id { get; private set; }

    public NetworkIndicator FeedIndicator { get; private set; }

    public string? FeedDescription { get; private set; }

    public DateTimeOffset CheckedAt { get; private set; }

    public string? LastError { get; private set; }

    public NetworkIndicator? OverrideIndicator { get; private set; }

    public string? OverrideText { get; private set; }

    public string? OverrideBy { get; private set; }

    /// <summary>A reading older than this is no longer trusted: the feed job has stopped or cannot reach the feed.</summary>
    public static TimeSpan MaxAge { get; } = TimeSpan.FromMinutes(10);

    public void RecordReading(NetworkIndicator indicator, string? description, DateTimeOffset now)
    {
        FeedIndicator = indicator;
        FeedDescription = Truncate(description);
        CheckedAt = now;
        LastError = null;
    }

    public void RecordFailure(string error, DateTimeOffset now)
    {
        FeedIndicator = NetworkIndicator.Unknown;
        FeedDescription = null;
        CheckedAt = now;
        LastError = Truncate(error);
    }

    public void SetOverride(NetworkIndicator? indicator, string? text, string by)
    {
        OverrideIndicator = indicator;
        OverrideText = indicator is null ? null : Truncate(text);
        OverrideBy = indicator is null ? null : by;
    }

    /// <summary>What the top bar shows at <paramref name="now"/>.</summary>
    public (NetworkIndicator Indicator, string Text) Shown(DateTimeOffset now)
    {
        if (OverrideIndicator is { } manual)
        {
            return (manual, string.IsNullOrWhiteSpace(OverrideText) ? manual.Label() : OverrideText);
        }

        if (now - CheckedAt > MaxAge || FeedIndicator == NetworkIndicator.Unknown)
        {
            return (NetworkIndicator.Unknown, NetworkIndicator.Unknown.Label());
        }

        return (FeedIndicator, FeedIndicator.Label());
    }

    private static string? Truncate(string? text) => text is { Length: > TextMaxLength } ? text[..TextMaxLength] : text;
}
