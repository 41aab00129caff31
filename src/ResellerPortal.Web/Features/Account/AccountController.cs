using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Infrastructure;

namespace ResellerPortal.Web.Features.Account;

[Route("account")]
public sealed class AccountController(
    SignInManager<PortalUser> signInManager,
    UserManager<PortalUser> userManager,
    IPasswordHasher<PortalUser> passwordHasher,
    TimeProvider clock,
    ILoggerFactory loggerFactory) : Controller
{
    private static string? _decoyHash;

    private readonly ILogger _security = loggerFactory.CreateLogger(SecurityEvents.Category);

    [AllowAnonymous]
    [HttpGet("login")]
    public IActionResult Login(string? returnUrl) =>
        User.Identity?.IsAuthenticated == true
            ? LocalRedirect(SafeReturnUrl(returnUrl))
            : View(new LoginInput { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("login")]
    public async Task<IActionResult> Login(LoginInput input)
    {
        if (!ModelState.IsValid)
        {
            input.Password = string.Empty;
            return View(input);
        }

        var ip = HttpContext.Connection.RemoteIpAddress?.ToString();
        var now = clock.GetUtcNow();
        var user = await userManager.FindByEmailAsync(input.Email);
        if (user is null || user.IsDisabled)
        {
            // The same password-hash work as a known email with a wrong password, so the answer's
            // timing does not tell which emails have a login either.
            _ = passwordHasher.VerifyHashedPassword(user ?? new PortalUser(), DecoyHash(passwordHasher), input.Password);
            // Same answer as a wrong password: the page must not reveal whether the email exists.
            SecurityEvents.LoginFailed(_security, input.Email, user is null ? "unknown email" : "disabled", ip, now);
            return LoginFailed(input);
        }

        if (await userManager.IsLockedOutAsync(user))
        {
            // Identity answers a locked-out login without hashing: hash anyway, or the quick answer
            // would tell that this email exists and is locked.
            _ = passwordHasher.VerifyHashedPassword(user, DecoyHash(passwordHasher), input.Password);
            SecurityEvents.LockedOut(_security, input.Email, ip, now);
            return LoginFailed(input);
        }

        // A fresh session: any previous cookie is dropped before the new ticket is issued.
        await signInManager.SignOutAsync();
        var result = await signInManager.PasswordSignInAsync(user, input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            SecurityEvents.LoginSucceeded(_security, input.Email, user.ResellerId, ip, now);
            return LocalRedirect(SafeReturnUrl(input.ReturnUrl));
        }

        if (result.IsLockedOut)
        {
            SecurityEvents.LockedOut(_security, input.Email, ip, now);
        }
        else
        {
            SecurityEvents.LoginFailed(_security, input.Email, "wrong password", ip, now);
        }

        return LoginFailed(input);
    }

    [Authorize(Policy = Auth.Policies.SignedIn)]
    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        // A new security stamp makes every copy of this login's cookie invalid at once (SessionStamp):
        // logging out ends the user's sessions in every browser, not just this one.
        if (await userManager.GetUserAsync(User) is { } user)
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

    private ViewResult LoginFailed(LoginInput input)
    {
        // One message for unknown email, wrong password, disabled and locked out alike.
        ModelState.AddModelError(string.Empty, "Invalid email or password, or the account is temporarily locked. Try again later.");
        input.Password = string.Empty;
        return View(nameof(Login), input);
    }

    /// <summary>A hash made with the configured iterations, once per process, that no password matches by design.</summary>
    private static string DecoyHash(IPasswordHasher<PortalUser> hasher) =>
        _decoyHash ??= hasher.HashPassword(new PortalUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));

    private string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
