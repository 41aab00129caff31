using Quartz;

namespace ResellerPortal.Web.Jobs;

/// <summary>Every job and trigger of the portal, in one place (STYLE.md).</summary>
public static class JobRegistration
{
    public static void AddPortalJobs(this IQuartzBuilder quartz, IConfiguration configuration)
    {
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
}
