using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Email;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Outbox;

public sealed record OutboxModel(IReadOnlyList<OutboxMessage> Messages, OutboxStatus? Status, int Page, bool HasMore);

/// <summary>The email outbox, newest first, a page at a time; and one message.</summary>
public sealed class ListOutbox(PortalDbContext db)
{
    public const int PageSize = 50;

    public async Task<OutboxModel> HandleAsync(OutboxStatus? status, int page, CancellationToken ct)
    {
        page = Math.Clamp(page, 1, 10_000);
        var query = db.OutboxMessages.AsNoTracking();
        if (status is not null)
        {
            query = query.Where(m => m.Status == status);
        }

        var messages = await query.OrderByDescending(m => m.CreatedAt).Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        return new OutboxModel(messages.Take(PageSize).ToList(), status, page, messages.Count > PageSize);
    }

    public async Task<Result<OutboxMessage>> FindAsync(Guid id, CancellationToken ct) =>
        await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct) is { } message ? message : Result.NotFound;
}
