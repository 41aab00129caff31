using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain.Instances;

/// <summary>
/// A hosted QueueMetrics-Live style instance (§3). Its name and operator never change. State says
/// what it is for (DEMO/TEST/SOLD), mode whether it runs (ON/EXPIRED/REMOVED); a deleted instance
/// keeps its row, and so its name, for the quarantine period, then the row is removed.
/// </summary>
public sealed class Instance : IOperatorOwned, IAudited
{
    private Instance()
    {
        Name = string.Empty;
        LongName = string.Empty;
        Timezone = string.Empty;
        LastChangedBy = string.Empty;
    }

    private Instance(Guid resellerId, Guid operatorId, string name, DateTimeOffset now, string actor)
        : this()
    {
        Id = Guid.CreateVersion7(now);
        ResellerId = resellerId;
        OperatorId = operatorId;
        Name = name;
        CreatedAt = now;
        StateChangedAt = now;
        ModeChangedAt = now;
        LastChangedAt = now;
        LastChangedBy = actor;
    }

    public Guid Id { get; private set; }

    public Guid ResellerId { get; private set; }

    public Guid OperatorId { get; private set; }

    /// <summary>The "Client" of the manual: the URL name, unique across the platform, immutable.</summary>
    public string Name { get; private set; }

    public string LongName { get; private set; }

    public string Timezone { get; private set; }

    public int MaxAgents { get; private set; }

    public int RetentionDays { get; private set; }

    public DateOnly? ExpirationDate { get; private set; }

    public ClientState State { get; private set; }

    public ClientMode Mode { get; private set; }

    public DateTimeOffset StateChangedAt { get; private set; }

    public DateTimeOffset ModeChangedAt { get; private set; }

    /// <summary>Set once the instance has ever been a DEMO: a customer gets one demo (§3).</summary>
    public bool WasDemo { get; private set; }

    public string? ContactPerson { get; private set; }

    public string? ContactEmail { get; private set; }

    public string? BillingPerson { get; private set; }

    public string? BillingEmail { get; private set; }

    public string? KMode { get; private set; }

    public string? KNumber { get; private set; }

    /// <summary>K-ApiKey, encrypted by the host; never stored or shown in clear.</summary>
    public string? KApiKeyProtected { get; private set; }

    /// <summary>The demoadmin password, encrypted, kept only until the provisioning target has taken it.</summary>
    public string? PendingAdminPasswordProtected { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Null while the instance is being provisioned.</summary>
    public DateTimeOffset? ProvisionedAt { get; private set; }

    /// <summary>Set when a change needs a restart; cleared when the restart job has applied it.</summary>
    public DateTimeOffset? RestartRequestedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public DateTimeOffset LastChangedAt { get; private set; }

    public string LastChangedBy { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public bool IsProvisioning => ProvisionedAt is null;

    public bool IsRestartPending => RestartRequestedAt is not null;

    public bool IsDeleted => DeletedAt is not null;

    public InstanceSettings Settings => new(
        LongName, Timezone, MaxAgents, RetentionDays, ExpirationDate, State, Mode,
        ContactPerson, ContactEmail, BillingPerson, BillingEmail, KMode, KNumber);

    /// <summary>
    /// A new instance, provisioning until the provisioning job reports it ready. TEST is only for the
    /// provider (<paramref name="mayUseTest"/>); a new instance cannot start REMOVED.
    /// </summary>
    public static Instance Create(
        Guid resellerId,
        Guid operatorId,
        string name,
        InstanceSettings settings,
        string protectedAdminPassword,
        bool mayUseTest,
        DateTimeOffset now,
        string actor)
    {
        if (InstanceName.FormatProblem(name) is { } problem)
        {
            throw new InstanceRuleException(nameof(Name), problem);
        }

        if (settings.State == ClientState.Test && !mayUseTest)
        {
            throw new InstanceRuleException(nameof(State), "Only the provider can make an instance TEST.");
        }

        if (settings.Mode == ClientMode.Removed)
        {
            throw new InstanceRuleException(nameof(Mode), "A new instance starts ON or EXPIRED.");
        }

        var instance = new Instance(resellerId, operatorId, InstanceName.Normalize(name), now, actor)
        {
            PendingAdminPasswordProtected = protectedAdminPassword,
        };
        instance.Apply(settings);
        return instance;
    }

    /// <summary>
    /// Applies an edit. Returns true when the change restarts the instance (timezone, agents,
    /// retention, state or mode changed); the restart is then pending until the restart job runs.
    /// </summary>
    public bool Update(InstanceSettings settings, bool mayUseTest, DateTimeOffset now, string actor)
    {
        EnsureNotDeleted();
        var before = Settings;
        if (settings.State != before.State)
        {
            if ((settings.State == ClientState.Test || before.State == ClientState.Test) && !mayUseTest)
            {
                throw new InstanceRuleException(nameof(State), "Only the provider can set or change the TEST state.");
            }

            StateChangedAt = now;
        }

        if (settings.Mode != before.Mode)
        {
            EnsureModeChangeAllowed(before.Mode, settings.Mode);
            ModeChangedAt = now;
        }

        Apply(settings);
        LastChangedAt = now;
        LastChangedBy = actor;
        var restarts = settings.RestartsComparedTo(before);
        if (restarts)
        {
            RestartRequestedAt = now;
        }

        return restarts;
    }

    public void ProtectKApiKey(string? protectedValue) => KApiKeyProtected = protectedValue;

    public void MarkProvisioned(DateTimeOffset now)
    {
        ProvisionedAt ??= now;
        PendingAdminPasswordProtected = null;
    }

    public void MarkRestarted() => RestartRequestedAt = null;

    /// <summary>DEMO instances are meant to last at most <see cref="InstancePolicy.DemoMaxDays"/> days; the portal flags, never converts (§3).</summary>
    public bool IsDemoOverdue(DateTimeOffset now, InstancePolicy policy) =>
        State == ClientState.Demo && now - StateChangedAt > TimeSpan.FromDays(policy.DemoMaxDays);

    /// <summary>An expiration date in the past is shown in red; nothing closes automatically (§3).</summary>
    public bool IsPastExpiration(DateOnly today) => ExpirationDate is { } date && date < today;

    public DateTimeOffset? QuarantineEndsAt(InstancePolicy policy) => DeletedAt?.AddDays(policy.QuarantineDays);

    /// <summary>What the lifecycle job does to this instance at <paramref name="now"/> (§3 "Modes over time").</summary>
    public LifecycleStep NextLifecycleStep(DateTimeOffset now, InstancePolicy policy)
    {
        if (DeletedAt is { } deletedAt)
        {
            return now >= deletedAt.AddDays(policy.QuarantineDays) ? LifecycleStep.ReleaseName : LifecycleStep.None;
        }

        return Mode switch
        {
            ClientMode.On => LifecycleStep.None,
            ClientMode.Expired => now >= ModeChangedAt.AddDays(policy.ExpiredDaysBeforeRemoval) ? LifecycleStep.MoveToRemoved : LifecycleStep.None,
            ClientMode.Removed => now >= ModeChangedAt.AddDays(policy.RemovedDaysBeforeDeletion) ? LifecycleStep.Delete : LifecycleStep.None,
        };
    }

    /// <summary>The lifecycle job's EXPIRED → REMOVED: the data is deleted by the provisioning target.</summary>
    public void MoveToRemoved(DateTimeOffset now)
    {
        EnsureNotDeleted();
        if (Mode != ClientMode.Expired)
        {
            throw new InvalidOperationException($"Instance {Name} is {Mode.Code()}, not EXPIRED.");
        }

        Mode = ClientMode.Removed;
        ModeChangedAt = now;
        LastChangedAt = now;
        LastChangedBy = "system:lifecycle";
    }

    /// <summary>The lifecycle job's REMOVED → deleted: gone from lists, the name quarantined.</summary>
    public void MarkDeleted(DateTimeOffset now)
    {
        EnsureNotDeleted();
        if (Mode != ClientMode.Removed)
        {
            throw new InvalidOperationException($"Instance {Name} is {Mode.Code()}, not REMOVED.");
        }

        DeletedAt = now;
        RestartRequestedAt = null;
        LastChangedAt = now;
        LastChangedBy = "system:lifecycle";
    }

    private static void EnsureModeChangeAllowed(ClientMode from, ClientMode to)
    {
        // REMOVED means the data is gone: bringing it back from backup is the provider's work (§3).
        if (from == ClientMode.Removed)
        {
            throw new InstanceRuleException(nameof(Mode), "A REMOVED instance cannot be turned back on from the portal: its data has been deleted. Ask the provider to restore it from backup.");
        }

        if (from == to)
        {
            throw new InvalidOperationException("Not a change.");
        }
    }

    private void Apply(InstanceSettings settings)
    {
        LongName = settings.LongName.Trim();
        Timezone = settings.Timezone.Trim();
        MaxAgents = settings.MaxAgents;
        RetentionDays = settings.RetentionDays;
        ExpirationDate = settings.ExpirationDate;
        State = settings.State;
        Mode = settings.Mode;
        WasDemo |= settings.State == ClientState.Demo;
        ContactPerson = Clean(settings.ContactPerson);
        ContactEmail = Clean(settings.ContactEmail);
        BillingPerson = Clean(settings.BillingPerson);
        BillingEmail = Clean(settings.BillingEmail);
        KMode = Clean(settings.KMode);
        KNumber = Clean(settings.KNumber);
    }

    private void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw new InvalidOperationException($"Instance {Name} has been deleted.");
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
