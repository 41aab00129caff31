namespace ResellerPortal.Domain.Auditing;

public enum AuditAction
{
    Added,
    Modified,
    Deleted,
}

/// <summary>
/// One change to one audited record (§8): who, acting for whom, what changed from what to what,
/// when and from where. Rows are only ever inserted.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        EntityType = string.Empty;
        ActorName = string.Empty;
        Changes = string.Empty;
    }

    public AuditEntry(
        DateTimeOffset at,
        Guid? resellerId,
        string entityType,
        Guid entityId,
        AuditAction action,
        string changes,
        AuditActor actor)
    {
        Id = Guid.CreateVersion7(at);
        At = at;
        ResellerId = resellerId;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        Changes = changes;
        ActorUserId = actor.UserId;
        ActorName = actor.Name;
        RealActorUserId = actor.RealUserId;
        RealActorName = actor.RealName;
        IpAddress = actor.IpAddress;
        ActingSessionId = actor.ActingSessionId;
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The tenant of the changed record, so a reseller's trail can be shown to that reseller only.</summary>
    public Guid? ResellerId { get; private set; }

    public string EntityType { get; private set; }

    public Guid EntityId { get; private set; }

    public AuditAction Action { get; private set; }

    /// <summary>JSON object: property name → [old, new].</summary>
    public string Changes { get; private set; }

    public Guid? ActorUserId { get; private set; }

    public string ActorName { get; private set; }

    /// <summary>Set when someone was acting as <see cref="ActorUserId"/> (impersonation, §8).</summary>
    public Guid? RealActorUserId { get; private set; }

    public string? RealActorName { get; private set; }

    public string? IpAddress { get; private set; }

    /// <summary>The acting session (§8) the change was made in, so the login acted as can list what was changed in its name.</summary>
    public Guid? ActingSessionId { get; private set; }
}

/// <summary>Who is making a change: a signed-in user, possibly impersonated, or a background job.</summary>
public sealed record AuditActor(Guid? UserId, string Name, Guid? RealUserId, string? RealName, string? IpAddress, Guid? ActingSessionId = null)
{
    public static AuditActor System(string what) => new(null, "system:" + what, null, null, null);
}
