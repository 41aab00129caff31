using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Email;

/// <summary>
/// Sends the messages that are due. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so two nodes
/// never send the same message; a failure is recorded on the message and retried with backoff.
/// </summary>
public sealed class OutboxDispatcher(PortalDbContext db, IMailTransport transport, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    public async Task<DispatchResult> DispatchDueAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.OutboxMessages
            .FromSql($"""
                SELECT * FROM "OutboxMessages"
                WHERE "Status" = 'Pending' AND "NextAttemptAt" <= {now}
                ORDER BY "NextAttemptAt"
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);

        var sent = 0;
        var failed = 0;
        foreach (var message in due)
        {
            try
            {
                await transport.SendAsync(message, cancellationToken);
                message.MarkSent(clock.GetUtcNow());
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.MarkAttemptFailed(clock.GetUtcNow(), ex.Message);
                failed++;
                logger.LogWarning(ex, "Sending outbox message {MessageId} failed (attempt {Attempt}, status {Status})", message.Id, message.Attempts, message.Status);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DispatchResult(sent, failed);
    }
}

public sealed record DispatchResult(int Sent, int Failed);
