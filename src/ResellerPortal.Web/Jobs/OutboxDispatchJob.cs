using Microsoft.Extensions.Options;
using Quartz;
using ResellerPortal.Web.Email;

namespace ResellerPortal.Web.Jobs;

/// <summary>Sends the email outbox. Thin: the work is in <see cref="OutboxDispatcher"/>.</summary>
public sealed class OutboxDispatchJob(JobScope scope, IOptions<MailOptions> options, ILogger<OutboxDispatchJob> logger) : IJob
{
    public static readonly JobKey Key = new("outbox-dispatch", "portal");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await scope.RunForPlatformAsync(nameof(OutboxDispatchJob), services =>
            services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(options.Value.BatchSize, cancellationToken));
        context.Result = $"sent {result.Sent}, failed {result.Failed}";
        if (result.Sent + result.Failed > 0)
        {
            logger.LogInformation("Outbox: sent {Sent}, failed {Failed}", result.Sent, result.Failed);
        }
    }
}
