using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Audit;

/// <summary>The global audit trail (§8), for PlatformAdmin and Support.</summary>
[Authorize(Policy = Policies.PlatformStaff)]
[Route("admin/audit")]
public sealed class AuditController(PortalDbContext db) : Controller
{
    public const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? entity, Guid? entityId, int page = 1, CancellationToken ct = default)
    {
        page = Math.Clamp(page, 1, 10_000);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(entity))
        {
            query = query.Where(a => a.EntityType == entity);
        }

        if (entityId is not null)
        {
            query = query.Where(a => a.EntityId == entityId);
        }

        var rows = await query.OrderByDescending(a => a.At).Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        return View(new AuditModel(rows.Take(PageSize).ToList(), entity, entityId, page, rows.Count > PageSize));
    }
}

public sealed record AuditModel(IReadOnlyList<AuditEntry> Entries, string? Entity, Guid? EntityId, int Page, bool HasMore);
