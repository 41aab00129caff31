namespace ResellerPortal.Domain.Instances;

/// <summary>The day counts of §3 that configuration may change.</summary>
public sealed record InstancePolicy(
    int ExpiredDaysBeforeRemoval = 7,
    int RemovedDaysBeforeDeletion = 7,
    int QuarantineDays = 7,
    int DemoMaxDays = 30)
{
    public static InstancePolicy Default { get; } = new();
}

/// <summary>What the lifecycle job must do to one instance now.</summary>
public enum LifecycleStep
{
    None,
    MoveToRemoved,
    Delete,
    ReleaseName,
}
