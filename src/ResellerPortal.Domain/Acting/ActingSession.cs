namespace ResellerPortal.Domain.Acting;

/// <summary>How an acting session ended.</summary>
public enum ActingEnd
{
    /// <summary>The actor pressed "return to your account".</summary>
    Stopped,

    /// <summary>The time limit passed; the next request returned the actor.</summary>
    Expired,

    /// <summary>The actor logged out while acting.</summary>
    SignedOut,
}

/// <summary>
/// One time someone acted as another login (§8): who really acted, as whom, why, from when to when. Audit entries
/// written meanwhile carry its id, so the person acted as can see what was changed in their name.
/// </summary>
public sealed class ActingSession
{
    private ActingSession()
    {
        Reason = string.Empty;
    }

    public ActingSession(Guid realUserId, Guid targetUserId, Guid? targetResellerId, string reason, DateTimeOffset startedAt, TimeSpan limit)
    {
        var trimmed = reason?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new RuleViolationException(nameof(Reason), "Say why you act as this user; they will see it.");
        }

        if (trimmed.Length > ActingRules.ReasonMaxLength)
        {
            throw new RuleViolationException(nameof(Reason), $"The reason is at most {ActingRules.ReasonMaxLength} characters.");
        }

        Id = Guid.CreateVersion7(startedAt);
        RealUserId = realUserId;
        TargetUserId = targetUserId;
        TargetResellerId = targetResellerId;
        Reason = trimmed;
        StartedAt = startedAt;
        ExpiresAt = startedAt + limit;
    }

    public Guid Id { get; private set; }

    public Guid RealUserId { get; private set; }

    public Guid TargetUserId { get; private set; }

    /// <summary>The reseller of the login acted as, so a reseller's own list shows its sessions only.</summary>
    public Guid? TargetResellerId { get; private set; }

    public string Reason { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public ActingEnd? EndedHow { get; private set; }

    /// <summary>Open: not ended and not past its limit.</summary>
    public bool IsOpenAt(DateTimeOffset now) => EndedAt is null && now < ExpiresAt;

    /// <summary>Ends the session once; a second end (stop after expiry) keeps the first.</summary>
    public void End(DateTimeOffset at, ActingEnd how)
    {
        if (EndedAt is not null)
        {
            return;
        }

        EndedAt = at < ExpiresAt ? at : ExpiresAt;
        EndedHow = how;
    }
}
