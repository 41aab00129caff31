using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain.Licensing;

public enum LicencePhase
{
    Activation,
    Installation,
}

/// <summary>How one call to the key server or the instance ended.</summary>
public enum AttemptOutcome
{
    /// <summary>S:OK with a key, or the instance answered OK.</summary>
    Succeeded,

    /// <summary>S:KO, or an XML-RPC fault.</summary>
    Refused,

    /// <summary>An answer that is not the protocol's (HTML page, cut-off reply, missing key).</summary>
    Malformed,

    /// <summary>No answer within the per-attempt timeout.</summary>
    TimedOut,

    /// <summary>The connection failed or broke.</summary>
    ConnectionFailed,

    /// <summary>An HTTP error status (5xx, 4xx).</summary>
    HttpError,
}

/// <summary>One call made for an activation (issue 4 "History"): kept for the key and the instance pages.</summary>
public sealed class LicenceAttempt : ITenantOwned
{
    public const int StatusLineMaxLength = 200;
    public const int DetailMaxLength = 500;

    private LicenceAttempt()
    {
    }

    public LicenceAttempt(Guid resellerId, Guid activationId, LicencePhase phase, DateTimeOffset startedAt, TimeSpan duration, AttemptOutcome outcome, string? statusLine, string? detail)
    {
        ResellerId = resellerId;
        ActivationId = activationId;
        Phase = phase;
        StartedAt = startedAt;
        DurationMs = (int)Math.Clamp(duration.TotalMilliseconds, 0, int.MaxValue);
        Outcome = outcome;
        StatusLine = Bound(statusLine, StatusLineMaxLength);
        Detail = Bound(detail, DetailMaxLength);
    }

    public long Id { get; private set; }

    public Guid ResellerId { get; private set; }

    public Guid ActivationId { get; private set; }

    public LicencePhase Phase { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public int DurationMs { get; private set; }

    public AttemptOutcome Outcome { get; private set; }

    /// <summary>The reply's status line (<c>S:OK</c>, <c>S:KO - …</c>), or the HTTP status, as received and made safe.</summary>
    public string? StatusLine { get; private set; }

    public string? Detail { get; private set; }

    private static string? Bound(string? text, int max) =>
        text is null ? null : text.Length > max ? text[..(max - 1)] + "…" : text;
}
