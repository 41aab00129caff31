using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Email;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Outbox;

/// <summary>Puts a message that gave up back in the queue (after the SMTP settings were fixed, say).</summary>
public sealed class RequeueMessage(PortalDbContext db, TimeProvider clock)
{
    public async Task<Result<OutboxMessage>> HandleAsync(Guid id, CancellationToken ct)
    {
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return Result.NotFound;
        }

        if (message.Status != OutboxStatus.Failed)
        {
            return Result.Refused(string.Empty, "Only a message that gave up can be queued again.");
        }

        message.Requeue(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return message;
    }
}
