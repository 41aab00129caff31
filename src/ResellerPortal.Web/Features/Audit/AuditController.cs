using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Audit;

/// <summary>
/// The audit trail (§8): the provider's staff read every tenant's, a reseller's admin its own. <c>/admin/audit</c>
/// stays as the address the provider's bookmarks know.
/// </summary>
[Authorize(Policy = Policies.AuditReaders)]
[Route("audit")]
[Route("admin/audit")]
public sealed class AuditController(AuditTrail trail) : Controller
{
    [HttpGet("")]
    public Task<IActionResult> Index([FromQuery] AuditQuery query, CancellationToken ct) =>
        this.ShowAsync(trail.HandleAsync(query, ct), page => View(page));

    /// <summary>The same entries as the page, with the changes as stored (property → [old, new]); "older" continues.</summary>
    [HttpGet("export.json")]
    public async Task<IActionResult> Export([FromQuery] AuditQuery query, CancellationToken ct)
    {
        var (entries, older) = await trail.ExportAsync(query, ct);
        return Json(new
        {
            entries = entries.Select(e => new
            {
                e.Id,
                e.At,
                e.ResellerId,
                e.EntityType,
                e.EntityId,
                Action = e.Action.ToString(),
                Changes = JsonDocument.Parse(e.Changes).RootElement,
                e.ActorUserId,
                e.ActorName,
                e.RealActorUserId,
                e.RealActorName,
                e.IpAddress,
                e.ActingSessionId,
            }),
            older = older is null ? null : "/audit/export.json?" + query.Filters(older),
        });
    }
}
