using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Operators;

/// <summary>
/// A reseller's operators. No tenant check is written here: the query filters show only the
/// reseller's own operators (and only the assigned ones to a ResellerUser), so a foreign id is a 404.
/// </summary>
[Authorize(Policy = Policies.ResellerStaff)]
[Route("operators")]
public sealed class OperatorsController(PortalDbContext db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(await db.Operators.OrderBy(o => o.Name).ToListAsync(ct));

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var op = await db.Operators.SingleOrDefaultAsync(o => o.Id == id, ct);
        return op is null ? NotFound() : View(op);
    }
}
