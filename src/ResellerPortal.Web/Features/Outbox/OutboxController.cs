using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Email;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Outbox;

/// <summary>The email outbox: what was queued, sent or gave up, newest first.</summary>
[Authorize(Policy = Policies.PlatformAdmin)]
[Route("admin/outbox")]
public sealed class OutboxController(PortalDbContext db, TimeProvider clock) : Controller
{
    public const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(OutboxStatus? status, int page = 1, CancellationToken ct = default)
    {
        page = Math.Clamp(page, 1, 10_000);
        var query = db.OutboxMessages.AsNoTracking();
        if (status is not null)
        {
            query = query.Where(m => m.Status == status);
        }

        var messages = await query.OrderByDescending(m => m.CreatedAt).Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        return View(new OutboxModel(messages.Take(PageSize).ToList(), status, page, messages.Count > PageSize));
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var message = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        return message is null ? NotFound() : View(message);
    }

    [HttpPost("{id:guid}/requeue")]
    public async Task<IActionResult> Requeue(Guid id, CancellationToken ct)
    {
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return NotFound();
        }

        if (message.Status == OutboxStatus.Failed)
        {
            message.Requeue(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = "Message queued again.";
        }

        return RedirectToAction(nameof(Details), new { id });
    }
}

public sealed record OutboxModel(IReadOnlyList<OutboxMessage> Messages, OutboxStatus? Status, int Page, bool HasMore);
