using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Features.Acting;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Users;

/// <summary>Passwords: the invitation's set-password page (anonymous: the link is the proof) and the signed-in user's own change.</summary>
public sealed class PasswordController : Controller
{
    [AllowAnonymous]
    [HttpGet("account/set-password")]
    public async Task<IActionResult> SetPassword([FromQuery(Name = "user")] Guid user, [FromQuery(Name = "token")] string? token, [FromServices] SetPassword setPassword, CancellationToken ct)
    {
        var form = await setPassword.LoadAsync(user, token, ct);
        if (!form.IsDone)
        {
            ModelState.AddModelError(string.Empty, Users.SetPassword.LinkInvalid);
            return View(new SetPasswordForm { User = user });
        }

        return View(form.Value);
    }

    [AllowAnonymous]
    [HttpPost("account/set-password")]
    public Task<IActionResult> SetPassword(SetPasswordForm form, [FromServices] SetPassword setPassword, CancellationToken ct) =>
        this.SubmitAsync(form, () => setPassword.HandleAsync(form, ct),
            done: _ => new GoTo("/account/login", "Your password is set. Sign in with your email and the new password."),
            reshow: () =>
            {
                form.Password = form.ConfirmPassword = null;
                return View(form);
            });

    [Authorize(Policy = Policies.SignedIn)]
    [NotWhileActing]
    [HttpGet("account/password")]
    public IActionResult Change() => View(new ChangePasswordForm());

    [Authorize(Policy = Policies.SignedIn)]
    [NotWhileActing]
    [HttpPost("account/password")]
    public Task<IActionResult> Change(ChangePasswordForm form, [FromServices] ChangePassword change, CancellationToken ct) =>
        this.SubmitAsync(form, () => change.HandleAsync(form, ct),
            done: _ => new GoTo("/", "Your password is changed; your other sessions have ended."),
            reshow: () => View(new ChangePasswordForm()));
}
