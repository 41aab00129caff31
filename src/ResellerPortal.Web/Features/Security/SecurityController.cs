using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Features.Acting;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Security;

/// <summary>Account security for every signed-in user: two-factor sign-in on and off, recovery codes.</summary>
[Route("account/security")]
[Authorize(Policy = Policies.SignedIn)]
[AllowWithoutTwoFactor]
public sealed class SecurityController(TwoFactorSettings settings) : Controller
{
    private const string CodesKey = "RecoveryCodes";

    [HttpGet("")]
    public Task<IActionResult> Index() =>
        this.ShowAsync(settings.ShowAsync(), page => View(page));

    [HttpGet("enrol")]
    public Task<IActionResult> Enrol() =>
        this.ShowAsync(settings.ShowEnrolmentAsync(), page => page.AlreadyOn ? RedirectToAction(nameof(Index)) : View(page));

    [NotWhileActing]
    [HttpPost("enrol")]
    public Task<IActionResult> Enrol([Bind(Prefix = "Form")] EnrolForm form, CancellationToken ct) =>
        this.SubmitAsync(form, () => settings.EnableAsync(form, ct),
            done: codes => ShowCodesOnce(codes, "Two-factor sign-in is on. Save your recovery codes now."),
            reshow: async () =>
            {
                var page = await settings.ShowEnrolmentAsync();
                if (!page.IsDone || page.Value.AlreadyOn)
                {
                    return RedirectToAction(nameof(Index));
                }

                form.Code = string.Empty;
                return View(nameof(Enrol), page.Value with { Form = form });
            },
            prefix: "Form");

    /// <summary>The codes just made, once: they travel to this page in the (encrypted) TempData cookie and are gone after it.</summary>
    [HttpGet("recovery-codes")]
    public IActionResult RecoveryCodes() =>
        View((IReadOnlyList<string>)(TempData[CodesKey] is string codes ? codes.Split(' ', StringSplitOptions.RemoveEmptyEntries) : []));

    [NotWhileActing]
    [HttpPost("recovery-codes")]
    public Task<IActionResult> RegenerateRecoveryCodes() =>
        this.ActAsync(settings.RegenerateRecoveryCodesAsync,
            done: codes => ShowCodesOnce(codes, "New recovery codes: the old ones no longer work."),
            back: "/account/security");

    [NotWhileActing]
    [HttpPost("disable")]
    public Task<IActionResult> Disable([Bind(Prefix = "Disable")] DisableForm form, CancellationToken ct) =>
        this.SubmitAsync(form, () => settings.DisableAsync(form, ct),
            done: _ => new GoTo("/account/security", "Two-factor sign-in is off."),
            reshow: async () =>
            {
                var page = await settings.ShowAsync();
                if (!page.IsDone)
                {
                    return NotFound();
                }

                form.Password = string.Empty;
                return View(nameof(Index), page.Value with { Disable = form });
            },
            prefix: "Disable");

    private GoTo ShowCodesOnce(IReadOnlyList<string> codes, string flash)
    {
        TempData[CodesKey] = string.Join(' ', codes);
        return new GoTo("/account/security/recovery-codes", flash);
    }
}
