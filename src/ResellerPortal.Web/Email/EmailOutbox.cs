using ResellerPortal.Domain.Email;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Email;

/// <summary>
/// The only way the portal sends email: it adds a message to the outbox in the caller's unit of
/// work, so the message is committed together with the change that caused it.
/// </summary>
public sealed class EmailOutbox(PortalDbContext db, TimeProvider clock)
{
    public OutboxMessage Enqueue(
        Guid? resellerId, string to, string subject, string body, string? htmlBody = null, string? senderName = null, string? replyTo = null)
    {
        var message = new OutboxMessage(resellerId, to, subject, body, clock.GetUtcNow(), htmlBody, senderName, replyTo);
        db.OutboxMessages.Add(message);
        return message;
    }
}
