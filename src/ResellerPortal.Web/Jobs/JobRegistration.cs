using Quartz;
using ResellerPortal.Web.Features.Keys;

namespace ResellerPortal.Web.Jobs;

/// <summary>Every job and trigger of the portal, in one place (STYLE.md).</summary>
public static class JobRegistration
{
    public static void AddPortalJobs(this IQuartzBuilder quartz, IConfiguration configuration)
    {
        AddRecurring<InstanceProvisioningJob>(quartz, InstanceProvisioningJob.Key, "Marks new instances ready and applies pending restarts",
            TimeSpan.FromSeconds(configuration.GetValue("Jobs:InstanceProvisioningSeconds", 30)));
        AddDaily<InstanceLifecycleJob>(quartz, InstanceLifecycleJob.Key, "Moves EXPIRED instances to REMOVED, deletes REMOVED ones and releases quarantined names",
            configuration.GetValue("Jobs:InstanceLifecycleCron", "0 0 2 * * ?")!);
        AddDaily<CertificateExpiryJob>(quartz, CertificateExpiryJob.Key, "Warns resellers of SSL certificates that expire",
            configuration.GetValue("Jobs:CertificateExpiryCron", "0 0 6 * * ?")!);
        AddRecurring<NetworkStatusJob>(quartz, NetworkStatusJob.Key, "Reads the network status feed",
            TimeSpan.FromSeconds(configuration.GetValue("NetworkStatus:PollSeconds", 60)));

        // Requests wake these two at once; the poll only catches work nobody woke them for. 0: no poll.
        var licencePoll = TimeSpan.FromSeconds((configuration.GetSection(LicensingOptions.Section).Get<LicensingOptions>() ?? new LicensingOptions()).PollSeconds);
        AddRecurring<LicenceActivationJob>(quartz, LicenceActivationJob.Key, "Activates requested keys on the key server, with retries until the deadline", licencePoll);
        AddRecurring<LicenceInstallationJob>(quartz, LicenceInstallationJob.Key, "Installs activated licence keys on their instances over XML-RPC", licencePoll);
        AddDaily<LicenceExpiryJob>(quartz, LicenceExpiryJob.Key, "Reminds resellers once of licences that run out within 14 days",
            configuration.GetValue("Jobs:LicenceExpiryCron", "0 30 6 * * ?")!);

        var outboxSeconds = configuration.GetValue("Jobs:OutboxDispatchSeconds", 30);
        quartz.AddJob<OutboxDispatchJob>(j => j
            .WithIdentity(OutboxDispatchJob.Key)
            .StoreDurably()
            .DisallowConcurrentExecution()
            .WithDescription("Sends queued email through SMTP, with retries"));
        quartz.AddTrigger(t => t
            .ForJob(OutboxDispatchJob.Key)
            .WithIdentity("outbox-dispatch-every", "portal")
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(outboxSeconds)).RepeatForever()));
    }

    private static void AddRecurring<T>(IQuartzBuilder quartz, JobKey key, string description, TimeSpan interval)
        where T : IJob
    {
        quartz.AddJob<T>(j => j.WithIdentity(key).StoreDurably().DisallowConcurrentExecution().WithDescription(description));
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        quartz.AddTrigger(t => t
            .ForJob(key)
            .WithIdentity(key.Name + "-every", key.Group)
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()));
    }

    /// <summary>A cron trigger (UTC); the Jobs page's "Run now" covers "on demand".</summary>
    private static void AddDaily<T>(IQuartzBuilder quartz, JobKey key, string description, string cron)
        where T : IJob
    {
        quartz.AddJob<T>(j => j.WithIdentity(key).StoreDurably().DisallowConcurrentExecution().WithDescription(description));
        quartz.AddTrigger(t => t
            .ForJob(key)
            .WithIdentity(key.Name + "-daily", key.Group)
            .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc)));
    }
}
