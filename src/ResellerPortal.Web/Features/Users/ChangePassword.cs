using FluentValidation;
using Microsoft.AspNetCore.Identity;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Users;

/// <summary>The signed-in user's own password change: the current one and the new one twice.</summary>
public sealed class ChangePasswordForm
{
    public string? CurrentPassword { get; set; }

    public string? NewPassword { get; set; }

    public string? ConfirmPassword { get; set; }
}

public sealed class ChangePasswordFormValidator : AbstractValidator<ChangePasswordForm>
{
    public ChangePasswordFormValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Enter your current password.").MaximumLength(128);
        RuleFor(x => x.NewPassword).NewPassword("Choose a new password.");
        RuleFor(x => x.ConfirmPassword).RepeatsPassword(x => x.NewPassword);
    }
}

/// <summary>
/// Changes the signed-in user's own password, staff and client portal alike. The new security stamp ends the login's other sessions; this browser
/// is signed in again. Refused while acting as someone (<see cref="Acting.NotWhileActingAttribute"/> on the controller).
/// </summary>
public sealed class ChangePassword(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, IHttpContextAccessor http, IValidator<ChangePasswordForm> validator)
{
    public const string WrongPassword = "That is not your current password.";

    public async Task<Result<Done>> HandleAsync(ChangePasswordForm form, CancellationToken ct)
    {
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        if (await users.GetUserAsync(http.HttpContext!.User) is not { } user)
        {
            return Result.NotFound;
        }

        var result = await users.ChangePasswordAsync(user, form.CurrentPassword!, form.NewPassword!);
        if (!result.Succeeded)
        {
            return new Refusals([.. result.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                ? Result.Refused(nameof(ChangePasswordForm.CurrentPassword), WrongPassword)
                : Result.Refused(nameof(ChangePasswordForm.NewPassword), e.Description))]);
        }

        await signIn.RefreshSignInAsync(user);
        return Result.Done;
    }
}
