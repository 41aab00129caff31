using Hangfire;
using Microsoft.Extensions.Options;
using ResellerPortal.Web.Email;

namespace ResellerPortal.Web.Jobs;

/// <summary>Sends the email outbox. Thin: the work is in <see cref="OutboxDispatcher"/>.</summary>
/// <remarks>
/// Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> and marked sent in the same transaction, so two
/// runs at once never send one message twice. A node killed between the SMTP hand-over and the commit
/// leaves the message pending, and it is sent again: SMTP cannot be made exactly once.
/// </remarks>
public sealed class OutboxDispatchJob(JobScope scope, IOptions<MailOptions> options, ILogger<OutboxDispatchJob> logger)
{
    public const string Id = "outbox-dispatch";

    // No automatic retry: each message has the outbox's own backoff, and the next run is the job's retry.
    [AutomaticRetry(Attempts = 0)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var result = await scope.RunForPlatformAsync(nameof(OutboxDispatchJob), services =>
            services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(options.Value.BatchSize, cancellationToken));
        if (result.Sent + result.Failed > 0)
        {
            logger.LogInformation("Outbox: sent {Sent}, failed {Failed}", result.Sent, result.Failed);
        }

        return $"sent {result.Sent}, failed {result.Failed}";
    }
}
