using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain.Licensing;

/// <summary>Where an activation stands. Each pre-purchased key has at most one activation.</summary>
public enum ActivationStatus
{
    /// <summary>Saved before the key server is called; the activation job calls it (again) until the deadline.</summary>
    Pending,

    /// <summary>The key server gave the licence key; the installation job puts it on the instance.</summary>
    Activated,

    /// <summary>The instance accepted the licence key.</summary>
    Installed,

    /// <summary><c>S:KO</c>: the key server refused the key. Final.</summary>
    Refused,

    /// <summary>The key server could not be reached (or answered nonsense) until the deadline. Retry possible.</summary>
    ActivationFailed,

    /// <summary>The instance refused the licence key or could not be reached until the deadline. Retry possible.</summary>
    InstallationFailed,

    /// <summary>
    /// Was installed, then a later licence was installed on the same instance. QueueMetrics licences replace
    /// each other: the last installed is the one in force (issue 15), so an instance has at most one installed.
    /// </summary>
    Replaced,
}

/// <summary>What the keys page says of a key (§4 / issue 4): available, activating, activated, failed, installed.</summary>
public enum PpkStatus
{
    Available,
    Activating,
    Activated,
    Failed,
    Installed,

    /// <summary>Its licence was installed and later replaced by another one on the same instance.</summary>
    Replaced,
}

public static class PpkStatuses
{
    public static PpkStatus Of(ActivationStatus? activation) => activation is { } status ? Of(status) : PpkStatus.Available;

    public static PpkStatus Of(ActivationStatus activation) => activation switch
    {
        ActivationStatus.Pending => PpkStatus.Activating,
        ActivationStatus.Activated => PpkStatus.Activated,
        ActivationStatus.Installed => PpkStatus.Installed,
        ActivationStatus.Refused or ActivationStatus.ActivationFailed or ActivationStatus.InstallationFailed => PpkStatus.Failed,
        ActivationStatus.Replaced => PpkStatus.Replaced,
    };

    /// <summary>The activation statuses a key status stands for (empty for <see cref="PpkStatus.Available"/>: no activation).</summary>
    public static IReadOnlyList<ActivationStatus> ActivationStatusesOf(PpkStatus status) => status switch
    {
        PpkStatus.Available => [],
        PpkStatus.Activating => [ActivationStatus.Pending],
        PpkStatus.Activated => [ActivationStatus.Activated],
        PpkStatus.Installed => [ActivationStatus.Installed],
        PpkStatus.Failed => [ActivationStatus.Refused, ActivationStatus.ActivationFailed, ActivationStatus.InstallationFailed],
        PpkStatus.Replaced => [ActivationStatus.Replaced],
    };

    public static string Code(this PpkStatus status) => status.ToString().ToLowerInvariant();

    public static PpkStatus? Parse(string? code) =>
        Enum.GetValues<PpkStatus>().Select(s => (PpkStatus?)s).FirstOrDefault(s => string.Equals(s!.Value.Code(), code, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The activation of one pre-purchased key for one instance (§4): saved as pending before the key
/// server is called, then activated (licence key received), then installed on the instance. The
/// row is unique per key, so a double click, a second node or a retry never makes a second one; a
/// larger licence is a new key and so a new activation. Failures that may pass (the server or the
/// instance unreachable until the deadline) can be retried; a refusal (<c>S:KO</c>) is final.
/// </summary>
public sealed class LicenceActivation : ITenantOwned, IAudited
{
    public const int ReasonMaxLength = 500;
    public const int NameMaxLength = 256;

    /// <summary>A licence whose last day is this close is flagged and its reseller reminded once (issue 4).</summary>
    public const int ExpiryWarningDays = 14;

    private LicenceActivation()
    {
        InstanceName = EndUser = RequestedBy = string.Empty;
    }

    private LicenceActivation(Guid resellerId, Guid ppkId, Guid instanceId, string instanceName, string endUser, DateTimeOffset now, DateTimeOffset deadline, string actor)
        : this()
    {
        Id = Guid.CreateVersion7(now);
        ResellerId = resellerId;
        PpkId = ppkId;
        InstanceId = instanceId;
        InstanceName = instanceName;
        EndUser = endUser;
        RequestedAt = now;
        RequestedBy = Bound(actor, NameMaxLength);
        Status = ActivationStatus.Pending;
        Deadline = deadline;
    }

    public Guid Id { get; private set; }

    public Guid ResellerId { get; private set; }

    public Guid PpkId { get; private set; }

    /// <summary>Null once the instance itself is gone; <see cref="InstanceName"/> keeps saying which it was.</summary>
    public Guid? InstanceId { get; private set; }

    public string InstanceName { get; private set; }

    /// <summary><c>K_enduser</c>: the instance's long name, as it appears on the instance's License page.</summary>
    public string EndUser { get; private set; }

    public ActivationStatus Status { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public string RequestedBy { get; private set; }

    /// <summary>When the current phase (activation or installation) gives up and becomes "failed, retry possible".</summary>
    public DateTimeOffset Deadline { get; private set; }

    /// <summary>A job working on this activation holds it until then; another node takes it only after.</summary>
    public DateTimeOffset? LeaseUntil { get; private set; }

    /// <summary>The licence key (<c>K:</c>), encrypted by the host.</summary>
    public string? LicenceKeyProtected { get; private set; }

    /// <summary><c>I:</c>, as the key server wrote it (its wall clock, no time zone).</summary>
    public DateTime? IssuedAt { get; private set; }

    /// <summary><c>X:</c>, the licence's last day.</summary>
    public DateOnly? ExpiresOn { get; private set; }

    public DateTimeOffset? ActivatedAt { get; private set; }

    public DateTimeOffset? InstalledAt { get; private set; }

    /// <summary>Why it failed: the key server's reason for a refusal, or the last error before the deadline.</summary>
    public string? FailureReason { get; private set; }

    public DateTimeOffset? ExpiryReminderSentAt { get; private set; }

    public DateTimeOffset LastChangedAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): two jobs cannot both take the lease.</summary>
    public uint Version { get; private set; }

    public bool CanRetry => Status is ActivationStatus.ActivationFailed or ActivationStatus.InstallationFailed;

    public bool IsInProgress => Status is ActivationStatus.Pending or ActivationStatus.Activated;

    public PpkStatus PpkStatus => PpkStatuses.Of(Status);

    /// <summary>Checks the rules of §4 and returns the new pending activation.</summary>
    public static LicenceActivation Request(PrepurchasedKey key, Guid instanceId, string instanceName, string endUser, int instanceAgents, DateTimeOffset now, TimeSpan deadline, string actor)
    {
        if (!key.Covers(instanceAgents))
        {
            throw new LicenceRuleException(
                nameof(PpkId),
                $"The key is for {key.Agents} agents and the instance has {instanceAgents}. Keys cannot be upgraded or downgraded: use a key with at least {instanceAgents} agents.");
        }

        if (string.IsNullOrWhiteSpace(endUser))
        {
            throw new LicenceRuleException(nameof(InstanceId), "The instance needs a long name: the key server registers the licence to it.");
        }

        return new LicenceActivation(key.ResellerId, key.Id, instanceId, instanceName, Bound(endUser.Trim(), NameMaxLength), now, now + deadline, actor)
        {
            LastChangedAt = now,
        };
    }

    /// <summary>Takes the work for <paramref name="lease"/>; false when another job holds it or there is nothing to do.</summary>
    public bool TryLease(DateTimeOffset now, TimeSpan lease)
    {
        if (!IsInProgress || (LeaseUntil is { } until && until > now))
        {
            return false;
        }

        LeaseUntil = now + lease;
        return true;
    }

    public bool IsPastDeadline(DateTimeOffset now) => now >= Deadline;

    public void RecordActivated(KeyServerReply reply, string licenceKeyProtected, DateTimeOffset now, TimeSpan installationDeadline)
    {
        Require(ActivationStatus.Pending);
        if (reply.Outcome != KeyServerOutcome.Activated)
        {
            throw new InvalidOperationException("Only an S:OK reply activates.");
        }

        Status = ActivationStatus.Activated;
        LicenceKeyProtected = licenceKeyProtected;
        IssuedAt = reply.IssuedAt;
        ExpiresOn = reply.ExpiresOn;
        ActivatedAt = now;
        FailureReason = null;
        Deadline = now + installationDeadline;
        LeaseUntil = null;
        LastChangedAt = now;
    }

    public void RecordRefused(string reason, DateTimeOffset now)
    {
        Require(ActivationStatus.Pending);
        Status = ActivationStatus.Refused;
        FailureReason = Bound(reason, ReasonMaxLength);
        LeaseUntil = null;
        LastChangedAt = now;
    }

    /// <summary>The deadline passed without an answer that settles it: failed, retry possible.</summary>
    public void RecordGaveUp(string reason, DateTimeOffset now)
    {
        Status = Status switch
        {
            ActivationStatus.Pending => ActivationStatus.ActivationFailed,
            ActivationStatus.Activated => ActivationStatus.InstallationFailed,
            ActivationStatus.Installed or ActivationStatus.Refused or ActivationStatus.ActivationFailed or ActivationStatus.InstallationFailed or ActivationStatus.Replaced =>
                throw new InvalidOperationException($"An activation that is {Status} is not being worked on."),
        };
        FailureReason = Bound(reason, ReasonMaxLength);
        LeaseUntil = null;
        LastChangedAt = now;
    }

    public void RecordInstalled(DateTimeOffset now)
    {
        Require(ActivationStatus.Activated);
        Status = ActivationStatus.Installed;
        InstalledAt = now;
        FailureReason = null;
        LeaseUntil = null;
        LastChangedAt = now;
    }

    /// <summary>A licence installed later on the same instance took this one's place (the last installed is in force).</summary>
    public void RecordReplaced(DateTimeOffset now)
    {
        Require(ActivationStatus.Installed);
        Status = ActivationStatus.Replaced;
        LeaseUntil = null;
        LastChangedAt = now;
    }

    /// <summary>
    /// Why activating a key of <paramref name="keyAgents"/> agents and <paramref name="keyDays"/> days on an instance
    /// whose licence in force is for <paramref name="agents"/> agents until <paramref name="expiresOn"/> is a downgrade
    /// (it replaces that licence: fewer agents, or an end before it, counting the key's days from
    /// <paramref name="today"/> as the key server does); null when it is not.
    /// </summary>
    public static string? DowngradeOf(int keyAgents, int keyDays, int agents, DateOnly? expiresOn, DateOnly today)
    {
        var ends = today.AddDays(keyDays);
        var fewer = keyAgents < agents;
        var earlier = expiresOn is { } end && ends < end;
        if (!fewer && !earlier)
        {
            return null;
        }

        var what = fewer && earlier ? "fewer agents and an earlier end" : fewer ? "fewer agents" : "an earlier end";
        return $"Downgrade: the licence in force is for {agents} agents until {expiresOn:yyyy-MM-dd}; this key gives {keyAgents} agents until about {ends:yyyy-MM-dd} ({what}). " +
            "QueueMetrics licences replace each other: once installed, this one is in force and the current one is gone. Tick the box to confirm the downgrade.";
    }

    /// <summary>The instance answered with a fault: it will not take the key as it is, so no automatic retry.</summary>
    public void RecordInstallationRefused(string reason, DateTimeOffset now)
    {
        Require(ActivationStatus.Activated);
        Status = ActivationStatus.InstallationFailed;
        FailureReason = Bound(reason, ReasonMaxLength);
        LeaseUntil = null;
        LastChangedAt = now;
    }

    /// <summary>Starts the failed phase again with a new deadline (safe: the key server returns the same key).</summary>
    public void Retry(DateTimeOffset now, TimeSpan deadline)
    {
        Status = Status switch
        {
            ActivationStatus.ActivationFailed => ActivationStatus.Pending,
            ActivationStatus.InstallationFailed => ActivationStatus.Activated,
            ActivationStatus.Refused => throw new LicenceRuleException(string.Empty, "The key server refused this key; asking again gives the same answer."),
            ActivationStatus.Pending or ActivationStatus.Activated or ActivationStatus.Installed or ActivationStatus.Replaced =>
                throw new LicenceRuleException(string.Empty, $"The activation is {PpkStatus.Code()}, there is nothing to retry."),
        };
        FailureReason = null;
        Deadline = now + deadline;
        LeaseUntil = null;
        LastChangedAt = now;
    }

    /// <summary>True when the installed licence runs out within <see cref="ExpiryWarningDays"/> days (or has).</summary>
    public bool IsExpiringSoon(DateOnly today) => IsExpiringSoon(Status, ExpiresOn, today);

    public static bool IsExpiringSoon(ActivationStatus status, DateOnly? expiresOn, DateOnly today) =>
        status == ActivationStatus.Installed && expiresOn is { } last && last.DayNumber - today.DayNumber <= ExpiryWarningDays;

    /// <summary>Marks the reminder sent; false when it already was (the reminder goes out once).</summary>
    public bool MarkReminderSent(DateTimeOffset now)
    {
        if (ExpiryReminderSentAt is not null)
        {
            return false;
        }

        ExpiryReminderSentAt = now;
        return true;
    }

    /// <summary>The instance was deleted: the activation stays, as history, without the link.</summary>
    public void DetachInstance() => InstanceId = null;

    private void Require(ActivationStatus expected)
    {
        if (Status != expected)
        {
            throw new InvalidOperationException($"The activation is {Status}, not {expected}.");
        }
    }

    private static string Bound(string text, int max) => text.Length > max ? text[..(max - 1)] + "…" : text;
}

/// <summary>A licensing rule the user broke; the message is for them, beside <paramref name="field"/> (the key, the instance, or the whole form).</summary>
public sealed class LicenceRuleException(string field, string message) : RuleViolationException(field, message);
