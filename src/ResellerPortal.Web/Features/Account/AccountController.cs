using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Account;

[Route("account")]
[Security.AllowWithoutTwoFactor]
public sealed class AccountController : Controller
{
    [AllowAnonymous]
    [HttpGet("login")]
    public IActionResult Login(string? returnUrl) =>
        User.Identity?.IsAuthenticated == true
            ? LocalRedirect(SafeReturnUrl(returnUrl))
            : View(new LoginInput { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("login")]
    public Task<IActionResult> Login(LoginInput input, [FromServices] SignIn signIn, CancellationToken ct) =>
        this.SubmitAsync(input, () => signIn.HandleAsync(input, ct),
            done: accepted => accepted.NeedsCode ? new GoTo(CodeStep("code", input.ReturnUrl))
                : accepted.MustEnrol ? new GoTo(Security.TwoFactorRequirement.EnrolPath)
                : new GoTo(SafeReturnUrl(input.ReturnUrl)),
            reshow: () =>
            {
                input.Password = string.Empty;
                return View(nameof(Login), input);
            });

    /// <summary>The second step for a user with two-factor sign-in: the code of the authenticator app.</summary>
    [AllowAnonymous]
    [HttpGet("login/code")]
    public async Task<IActionResult> LoginCode(string? returnUrl, [FromServices] TwoFactorSignIn twoFactor) =>
        await twoFactor.IsPendingAsync()
            ? View(new CodeInput { ReturnUrl = returnUrl })
            : RedirectToAction(nameof(Login), new { returnUrl });

    [AllowAnonymous]
    [HttpPost("login/code")]
    public Task<IActionResult> LoginCode(CodeInput input, [FromServices] TwoFactorSignIn twoFactor, CancellationToken ct) =>
        this.SubmitAsync(input, () => twoFactor.WithCodeAsync(input, ct),
            done: _ => new GoTo(SafeReturnUrl(input.ReturnUrl)),
            reshow: () =>
            {
                input.Code = string.Empty;
                return View(nameof(LoginCode), input);
            });

    /// <summary>The second step with one of the recovery codes instead of the app (each works once).</summary>
    [AllowAnonymous]
    [HttpGet("login/recovery")]
    public async Task<IActionResult> LoginRecovery(string? returnUrl, [FromServices] TwoFactorSignIn twoFactor) =>
        await twoFactor.IsPendingAsync()
            ? View(new RecoveryInput { ReturnUrl = returnUrl })
            : RedirectToAction(nameof(Login), new { returnUrl });

    [AllowAnonymous]
    [HttpPost("login/recovery")]
    public Task<IActionResult> LoginRecovery(RecoveryInput input, [FromServices] TwoFactorSignIn twoFactor, CancellationToken ct) =>
        this.SubmitAsync(input, () => twoFactor.WithRecoveryCodeAsync(input, ct),
            done: _ => new GoTo(SafeReturnUrl(input.ReturnUrl), "You signed in with a recovery code; it cannot be used again. Account security shows how many are left."),
            reshow: () =>
            {
                input.RecoveryCode = string.Empty;
                return View(nameof(LoginRecovery), input);
            });

    [Authorize(Policy = Auth.Policies.SignedIn)]
    [HttpPost("logout")]
    public async Task<IActionResult> Logout([FromServices] UserManager<PortalUser> userManager, [FromServices] SignInManager<PortalUser> signInManager, [FromServices] Acting.StopActing stopActing)
    {
        // Logging out while acting as someone (§8) ends the acting session and the real person's sessions, never
        // those of the login acted as.
        var real = Acting.ActingClaims.Acting(User)?.RealUserId;
        if (real is not null)
        {
            await stopActing.HandleAsync(Domain.Acting.ActingEnd.SignedOut, HttpContext.RequestAborted);
        }

        // A new security stamp makes every copy of this login's cookie invalid at once (SessionStamp):
        // logging out ends the user's sessions in every browser, not just this one.
        if (await (real is null ? userManager.GetUserAsync(User) : userManager.FindByIdAsync(real.Value.ToString())) is { } user)
        {
            await userManager.UpdateSecurityStampAsync(user);
        }

        await signInManager.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    [AllowAnonymous]
    [HttpGet("access-denied")]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    private string CodeStep(string step, string? returnUrl) =>
        $"/account/login/{step}" + (string.IsNullOrEmpty(returnUrl) || !Url.IsLocalUrl(returnUrl) ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl));

    private string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
