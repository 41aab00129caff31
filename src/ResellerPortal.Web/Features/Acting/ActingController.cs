using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Domain.Acting;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Acting;

/// <summary>Acting as another login (§8): start from a user list, stop from the banner, and the login's own list of who acted as it.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ActingController : Controller
{
    /// <summary>Started from a user list; a refusal (no reason, not allowed) goes back to the page the button was on.</summary>
    [Authorize(Policy = Policies.ActingStarters)]
    [HttpPost("acting/start")]
    public Task<IActionResult> Start(StartActingForm form, [FromServices] StartActing start, CancellationToken ct) =>
        this.ActAsync(() => start.HandleAsync(form, ct),
            started => new GoTo(started.Home, $"You are acting as {started.TargetName} until {started.Session.ExpiresAt.UtcDateTime:HH:mm} UTC."),
            back: BackToList(form.ReturnUrl));

    [HttpPost("acting/stop")]
    public Task<IActionResult> Stop([FromServices] StopActing stop, CancellationToken ct) =>
        this.ActAsync(() => stop.HandleAsync(ActingEnd.Stopped, ct),
            stopped => new GoTo(stopped.ReturnTo, stopped.TargetName is null ? null : $"You are back in your own account (no longer acting as {stopped.TargetName})."),
            back: "/");

    [Authorize(Policy = Policies.ResellerStaff)]
    [HttpGet("account/acted-as")]
    public Task<IActionResult> ActedAs([FromServices] ActedAs actedAs, CancellationToken ct) =>
        this.ShowAsync(actedAs.HandleAsync(ct), page => View(page));

    /// <summary>The page the button was on, when it is one of ours; else the start page.</summary>
    private string BackToList(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.Length <= 2000 && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
