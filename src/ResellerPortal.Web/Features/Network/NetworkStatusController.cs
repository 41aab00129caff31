using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Domain.Network;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Network;

public sealed class NetworkStatusForm
{
    /// <summary>Empty: follow the feed. Otherwise the indicator to show whatever the feed says.</summary>
    public NetworkIndicator? Override { get; set; }

    public string? Text { get; set; }

    public NetworkStatusSnapshot? Current { get; set; }
}

public sealed class NetworkStatusFormValidator : AbstractValidator<NetworkStatusForm>
{
    public NetworkStatusFormValidator() =>
        RuleFor(x => x.Text).MaximumLength(NetworkStatusSnapshot.TextMaxLength);
}

/// <summary>The provider's manual override of the network status (§9).</summary>
[Authorize(Policy = Policies.PlatformAdmin)]
[Route("admin/network-status")]
public sealed class NetworkStatusController(PortalDbContext db, NetworkStatusCache cache, TimeProvider clock) : Controller
{
    // The feature folder is Network (the status also has a view component there), not NetworkStatus.
    private const string PageView = "~/Features/Network/Index.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var snapshot = await NetworkStatusCache.LoadOrCreateAsync(db, clock, ct);
        return View(PageView, new NetworkStatusForm { Override = snapshot.OverrideIndicator, Text = snapshot.OverrideText, Current = snapshot });
    }

    [HttpPost("")]
    public async Task<IActionResult> Index(NetworkStatusForm form, CancellationToken ct)
    {
        var snapshot = await NetworkStatusCache.LoadOrCreateAsync(db, clock, ct);
        if (!ModelState.IsValid)
        {
            form.Current = snapshot;
            return View(PageView, form);
        }

        snapshot.SetOverride(form.Override, form.Text, User.GetDisplayName());
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        TempData["Flash"] = form.Override is null ? "The network status follows the feed again." : "Network status override saved.";
        return RedirectToAction(nameof(Index));
    }
}
