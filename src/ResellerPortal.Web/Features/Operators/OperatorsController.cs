using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Operators;

/// <summary>
/// A reseller's operators. No tenant check is written here: the query filters show only the
/// reseller's own operators (and only the assigned ones to a ResellerUser), so a foreign id is a 404.
/// </summary>
[Authorize(Policy = Policies.ResellerStaff)]
[Route("operators")]
public sealed class OperatorsController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ListOperators list, CancellationToken ct) =>
        View(await list.HandleAsync(ct));

    [HttpGet("{id:guid}")]
    public Task<IActionResult> Details(Guid id, [FromServices] ShowOperator show, CancellationToken ct) =>
        this.ShowAsync(show.HandleAsync(id, ct), row => View(row));
}
