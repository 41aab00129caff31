namespace ResellerPortal.Web.Features.Network;

/// <summary>Section <c>NetworkStatus</c>: where the status feed is read and where the status page is.</summary>
public sealed class NetworkStatusOptions
{
    public const string Section = "NetworkStatus";

    /// <summary>The Statuspage-style <c>/api/v2/status.json</c> document; empty means "status unknown".</summary>
    public string? FeedUrl { get; set; }

    /// <summary>The human status page the indicator links to (opened in a new tab).</summary>
    public string? PageUrl { get; set; }

    public int PollSeconds { get; set; } = 60;

    public int TimeoutSeconds { get; set; } = 10;
}
