using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Network;

/// <summary>The provider's manual override of the network status (§9).</summary>
[Authorize(Policy = Policies.PlatformAdmin)]
[Route("admin/network-status")]
public sealed class NetworkStatusController : Controller
{
    // The feature folder is Network (the status also has a view component there), not NetworkStatus.
    private const string PageView = "~/Features/Network/Index.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] OverrideNetworkStatus status, CancellationToken ct) =>
        View(PageView, await status.LoadAsync(null, ct));

    [HttpPost("")]
    public Task<IActionResult> Index(NetworkStatusForm form, [FromServices] OverrideNetworkStatus status, CancellationToken ct) =>
        this.SubmitAsync(form, () => status.HandleAsync(form, ct),
            done: saved => new GoTo("/admin/network-status", saved.Override is null ? "The network status follows the feed again." : "Network status override saved."),
            reshow: async () => View(PageView, form.Current is null ? await status.LoadAsync(form, ct) : form));
}
