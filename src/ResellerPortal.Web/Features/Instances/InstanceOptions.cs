using ResellerPortal.Domain.Instances;

namespace ResellerPortal.Web.Features.Instances;

/// <summary>Instance settings (section <c>Instances</c>): the day counts of §3 and the simulated delays.</summary>
public sealed class InstanceOptions
{
    public const string Section = "Instances";

    public int ExpiredDaysBeforeRemoval { get; set; } = 7;

    public int RemovedDaysBeforeDeletion { get; set; } = 7;

    public int QuarantineDays { get; set; } = 7;

    public int DemoMaxDays { get; set; } = 30;

    /// <summary>A certificate expiring within this many days is shown orange (§2).</summary>
    public int CertificateUrgentDays { get; set; } = 30;

    /// <summary>How long the simulated provisioning takes (production: 5–10 minutes).</summary>
    public int ProvisioningDelaySeconds { get; set; } = 420;

    /// <summary>How long after a change the restart happens (production: 3–5 minutes).</summary>
    public int RestartDelaySeconds { get; set; } = 240;

    public int PageSize { get; set; } = 48;

    public InstancePolicy Policy => new(ExpiredDaysBeforeRemoval, RemovedDaysBeforeDeletion, QuarantineDays, DemoMaxDays);
}
