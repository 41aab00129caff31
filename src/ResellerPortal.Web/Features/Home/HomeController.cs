using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Home;

public sealed class HomeController(PortalDbContext db) : Controller
{
    /// <summary>Sends each role to its own home page.</summary>
    [Authorize(Policy = Policies.SignedIn)]
    [HttpGet("/")]
    public IActionResult Index() => User.GetRole() switch
    {
        Roles.PlatformAdmin or Roles.Support => Redirect("/admin/resellers"),
        Roles.ResellerAdmin or Roles.ResellerUser => RedirectToAction(nameof(Dashboard)),
        Roles.Client => RedirectToAction(nameof(ClientHome)),
        _ => Forbid(),
    };

    [Authorize(Policy = Policies.ResellerStaff)]
    [HttpGet("/dashboard")]
    public async Task<IActionResult> Dashboard([FromServices] ResellerDashboard dashboard, CancellationToken ct) =>
        View(await dashboard.HandleAsync(ct));

    [Authorize(Policy = Policies.Client)]
    [HttpGet("/my-account")]
    public async Task<IActionResult> ClientHome()
    {
        var resellerName = await db.Resellers.Where(r => r.Id == db.Tenant.ResellerId).Select(r => r.Name).SingleAsync();
        return View(new ClientHomeModel(User.GetDisplayName(), resellerName));
    }
}

public sealed record ClientHomeModel(string Name, string ResellerName);
