namespace ResellerPortal.Domain.Instances;

/// <summary>The editable fields of an instance (everything on the edit form but Client and Operator).</summary>
public sealed record InstanceSettings(
    string LongName,
    string Timezone,
    int MaxAgents,
    int RetentionDays,
    DateOnly? ExpirationDate,
    ClientState State,
    ClientMode Mode,
    string? ContactPerson,
    string? ContactEmail,
    string? BillingPerson,
    string? BillingEmail,
    string? KMode,
    string? KNumber)
{
    public const int MinAgents = 1;
    public const int MaxAgentsLimit = 10_000;
    public const int MinRetentionDays = 1;
    public const int MaxRetentionDays = 3_650;
    public const int LongNameMaxLength = 200;
    public const int PersonMaxLength = 120;
    public const int EmailMaxLength = 254;
    public const int KFieldMaxLength = 100;
    public const int TimezoneMaxLength = 64;

    /// <summary>True when the IANA id names a time zone this machine knows.</summary>
    public static bool IsKnownTimezone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= TimezoneMaxLength && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    /// <summary>Changing one of these restarts the instance, which logs its users off (§3).</summary>
    public bool RestartsComparedTo(InstanceSettings before) =>
        Timezone != before.Timezone
        || MaxAgents != before.MaxAgents
        || RetentionDays != before.RetentionDays
        || State != before.State
        || Mode != before.Mode;
}

/// <summary>A change the rules of §3 refuse; the message is shown to the user.</summary>
public sealed class InstanceRuleException(string field, string message) : RuleViolationException(field, message);
