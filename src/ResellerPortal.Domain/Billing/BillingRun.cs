namespace ResellerPortal.Domain.Billing;

public enum BillingRunStatus
{
    Running,
    Finished,

    /// <summary>Stopped by an error outside any one client (the database away, the node shutting down); a new run completes the rest.</summary>
    Stopped,
}

/// <summary>
/// One run of recurring billing for a run date, across every reseller (§6): who started it, when, and
/// what it did. Its counters are added to in the same transaction as each batch of clients' charges, so
/// they stay exact when a run dies halfway and its job is taken again.
/// </summary>
public sealed class BillingRun
{
    public const int StartedByMaxLength = 256;
    public const int ErrorMaxLength = 1000;

    private BillingRun()
    {
        StartedBy = string.Empty;
    }

    public BillingRun(DateOnly runDate, string startedBy, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        RunDate = runDate;
        StartedBy = startedBy.Length <= StartedByMaxLength ? startedBy : startedBy[..StartedByMaxLength];
        CreatedAt = now;
        Status = BillingRunStatus.Running;
    }

    public Guid Id { get; private set; }

    public DateOnly RunDate { get; private set; }

    /// <summary>The person's login, or "system:daily" for the scheduled run.</summary>
    public string StartedBy { get; private set; }

    /// <summary>When the run was asked for.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When a worker began it (null while it waits in the queue).</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public BillingRunStatus Status { get; private set; }

    /// <summary>Clients whose billing date this run moved on (they may have had nothing to pay).</summary>
    public int ClientsBilled { get; private set; }

    /// <summary>Ledger rows this run wrote.</summary>
    public int Charges { get; private set; }

    /// <summary>Charges a run found already on the ledger (another run, or this one before a crash, wrote them).</summary>
    public int SkippedAsCharged { get; private set; }

    public int Failures { get; private set; }

    /// <summary>Why the run stopped, when it did.</summary>
    public string? Error { get; private set; }

    public TimeSpan? Duration => StartedAt is { } s && FinishedAt is { } f ? f - s : null;
}

/// <summary>What one run charged in one currency (no conversion: a line per currency).</summary>
public sealed class BillingRunTotal
{
    private BillingRunTotal()
    {
        Currency = string.Empty;
    }

    public Guid RunId { get; private set; }

    public string Currency { get; private set; }

    public decimal Amount { get; private set; }

    public int Charges { get; private set; }
}

/// <summary>A client a run could not bill, and why; the client stays due and the next run tries again.</summary>
public sealed class BillingRunFailure
{
    public const int MessageMaxLength = 1000;

    private BillingRunFailure()
    {
        ClientName = Message = string.Empty;
    }

    public BillingRunFailure(Guid runId, Guid resellerId, Guid clientId, string clientName, string message, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        RunId = runId;
        ResellerId = resellerId;
        ClientId = clientId;
        ClientName = clientName.Length <= 201 ? clientName : clientName[..201];
        Message = message.Length <= MessageMaxLength ? message : message[..MessageMaxLength];
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid RunId { get; private set; }

    public Guid ResellerId { get; private set; }

    public Guid ClientId { get; private set; }

    public string ClientName { get; private set; }

    public string Message { get; private set; }

    public DateTimeOffset At { get; private set; }
}
