using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Domain.Email;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Outbox;

/// <summary>The email outbox: what was queued, sent or gave up, newest first.</summary>
[Authorize(Policy = Policies.PlatformAdmin)]
[Route("admin/outbox")]
public sealed class OutboxController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(OutboxStatus? status, [FromServices] ListOutbox list, int page = 1, CancellationToken ct = default) =>
        View(await list.HandleAsync(status, page, ct));

    [HttpGet("{id:guid}")]
    public Task<IActionResult> Details(Guid id, [FromServices] ListOutbox list, CancellationToken ct) =>
        this.ShowAsync(list.FindAsync(id, ct), message => View(message));

    [HttpPost("{id:guid}/requeue")]
    public Task<IActionResult> Requeue(Guid id, [FromServices] RequeueMessage requeue, CancellationToken ct) =>
        this.ActAsync(() => requeue.HandleAsync(id, ct),
            done: _ => new GoTo($"/admin/outbox/{id}", "Message queued again."),
            back: $"/admin/outbox/{id}");
}
