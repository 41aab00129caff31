using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Home;

public sealed class HomeController(PortalDbContext db, Permissions can) : Controller
{
    /// <summary>Sends each role to its own home page, asking the policies that guard those pages.</summary>
    [Authorize(Policy = Policies.SignedIn)]
    [HttpGet("/")]
    public async Task<IActionResult> Index() =>
        await can.AllowsAsync(Policies.PlatformStaff) ? Redirect("/admin/resellers")
        : await can.AllowsAsync(Policies.ResellerStaff) ? RedirectToAction(nameof(Dashboard))
        : await can.AllowsAsync(Policies.Client) ? RedirectToAction(nameof(ClientHome))
        : Forbid();

    [Authorize(Policy = Policies.ResellerStaff)]
    [HttpGet("/dashboard")]
    public async Task<IActionResult> Dashboard([FromServices] ResellerDashboard dashboard, CancellationToken ct) =>
        View(await dashboard.HandleAsync(ct));

    [Authorize(Policy = Policies.Client)]
    [HttpGet("/my-account")]
    public async Task<IActionResult> ClientHome()
    {
        // A client's pages are its reseller's client portal (Features/ClientPortal).
        var slug = await db.Resellers.Where(r => r.Id == db.Tenant.ResellerId).Select(r => r.Slug).SingleAsync();
        return Redirect("/c/" + slug + "/");
    }
}

public sealed record ClientHomeModel(string Name, string ResellerName);
