using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Users;

/// <summary>The invitation's set-password page: the link's user and token, and the new password twice.</summary>
public sealed class SetPasswordForm
{
    public const int TokenMaxLength = 2000;

    public Guid User { get; set; }

    public string? Token { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }

    /// <summary>Shown read-only: whose password is being set.</summary>
    public string? Email { get; set; }
}

public sealed class SetPasswordFormValidator : AbstractValidator<SetPasswordForm>
{
    public SetPasswordFormValidator()
    {
        RuleFor(x => x.Token).NotEmpty().WithMessage(SetPassword.LinkInvalid).MaximumLength(SetPasswordForm.TokenMaxLength).WithMessage(SetPassword.LinkInvalid);
        RuleFor(x => x.Password).NewPassword();
        RuleFor(x => x.ConfirmPassword).RepeatsPassword(x => x.Password);
        RuleFor(x => x.Email).MaximumLength(256);
    }
}

/// <summary>
/// Sets an invited login's first password from the invitation link (§1). The link works once (the password change
/// renews the security stamp the token is bound to) and until the invitation's end; an expired, used or altered link
/// gets one clear message that does not say which it was.
/// </summary>
public sealed class SetPassword(PortalDbContext db, UserManager<PortalUser> users, IValidator<SetPasswordForm> validator, TimeProvider clock)
{
    public const string LinkInvalid = "This link has expired or has already been used. Ask your administrator to send a new invitation.";

    /// <summary>The form for a link that still works, or the refusal that says it does not.</summary>
    public async Task<Result<SetPasswordForm>> LoadAsync(Guid userId, string? token, CancellationToken ct)
    {
        var form = new SetPasswordForm { User = userId, Token = token };
        if (token is null || token.Length > SetPasswordForm.TokenMaxLength || await OpenInvitationAsync(userId, token, ct) is not { } user)
        {
            return Result.Refused(string.Empty, LinkInvalid);
        }

        form.Email = user.Email;
        return form;
    }

    public async Task<Result<PortalUser>> HandleAsync(SetPasswordForm form, CancellationToken ct)
    {
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        if (await OpenInvitationAsync(form.User, form.Token!, ct) is not { } user)
        {
            return Result.Refused(string.Empty, LinkInvalid);
        }

        var result = await users.ResetPasswordAsync(user, form.Token!, form.Password!);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? Result.Refused(string.Empty, LinkInvalid)
                : new Refusals([.. result.Errors.Select(e => Result.Refused(nameof(SetPasswordForm.Password), e.Description))]);
        }

        user.InvitationExpiresAt = null;
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        return user;
    }

    private async Task<PortalUser?> OpenInvitationAsync(Guid userId, string token, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        return user is { IsDisabled: false, InvitationExpiresAt: { } until } && until > now
            && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<PortalUser>.ResetPasswordTokenPurpose, token)
            ? user
            : null;
    }
}
