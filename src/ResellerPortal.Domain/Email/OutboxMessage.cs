namespace ResellerPortal.Domain.Email;

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// One email waiting in the durable outbox (§6). It is written in the same transaction as the
/// change that caused it and sent later by a job, so a crash never loses or duplicates a message
/// that the business change did or did not commit.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxAttempts = 8;
    public const int MaxErrorLength = 1000;

    private OutboxMessage()
    {
        To = string.Empty;
        Subject = string.Empty;
        Body = string.Empty;
    }

    public OutboxMessage(
        Guid? resellerId, string to, string subject, string body, DateTimeOffset now, string? htmlBody = null, string? senderName = null, string? replyTo = null)
    {
        Id = Guid.CreateVersion7(now);
        ResellerId = resellerId;
        To = to;
        Subject = subject;
        Body = body;
        HtmlBody = htmlBody;
        SenderName = senderName;
        ReplyTo = replyTo;
        CreatedAt = now;
        NextAttemptAt = now;
        Status = OutboxStatus.Pending;
    }

    public Guid Id { get; private set; }

    /// <summary>The reseller the message is sent for; null for platform mail.</summary>
    public Guid? ResellerId { get; private set; }

    public string To { get; private set; }

    public string Subject { get; private set; }

    public string Body { get; private set; }

    /// <summary>The HTML form of <see cref="Body"/>, sent beside it (multipart/alternative); null: text only.</summary>
    public string? HtmlBody { get; private set; }

    /// <summary>The display name of the sender (a reseller's, for mail to its clients); null: the configured one.</summary>
    public string? SenderName { get; private set; }

    /// <summary>Where replies go (a reseller's address); null: no Reply-To.</summary>
    public string? ReplyTo { get; private set; }

    public OutboxStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public string? LastError { get; private set; }

    public void MarkSent(DateTimeOffset now)
    {
        EnsurePending();
        Attempts++;
        Status = OutboxStatus.Sent;
        SentAt = now;
        LastError = null;
    }

    /// <summary>Records a failed attempt: retried after <see cref="RetryDelay"/>, given up after <see cref="MaxAttempts"/>.</summary>
    public void MarkAttemptFailed(DateTimeOffset now, string error)
    {
        EnsurePending();
        Attempts++;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        if (Attempts >= MaxAttempts)
        {
            Status = OutboxStatus.Failed;
            return;
        }

        NextAttemptAt = now + RetryDelay(Attempts);
    }

    /// <summary>Puts a message that gave up back in the queue, e.g. after the SMTP settings were fixed.</summary>
    public void Requeue(DateTimeOffset now)
    {
        if (Status != OutboxStatus.Failed)
        {
            throw new InvalidOperationException("Only a failed message can be requeued.");
        }

        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
    }

    /// <summary>Exponential backoff: 30 s, 1 min, 2 min, … capped at one hour.</summary>
    public static TimeSpan RetryDelay(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var seconds = 30 * Math.Pow(2, Math.Min(failedAttempts - 1, 10));
        return TimeSpan.FromSeconds(Math.Min(seconds, 3600));
    }

    private void EnsurePending()
    {
        if (Status != OutboxStatus.Pending)
        {
            throw new InvalidOperationException($"Message {Id} is {Status}, not pending.");
        }
    }
}
