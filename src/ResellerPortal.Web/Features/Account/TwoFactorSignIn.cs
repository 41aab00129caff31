using FluentValidation;
using Microsoft.AspNetCore.Identity;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Infrastructure;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Account;

public sealed class CodeInput
{
    public string Code { get; set; } = string.Empty;

    public bool RememberBrowser { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class CodeInputValidator : AbstractValidator<CodeInput>
{
    public CodeInputValidator()
    {
        RuleFor(x => x.Code).NotEmpty().WithMessage("Enter the 6-digit code from your authenticator app.")
            .MaximumLength(16).WithMessage("The code has 6 digits.");
        RuleFor(x => x.ReturnUrl).MaximumLength(2000);
    }
}

public sealed class RecoveryInput
{
    public string RecoveryCode { get; set; } = string.Empty;

    public string? ReturnUrl { get; set; }
}

public sealed class RecoveryInputValidator : AbstractValidator<RecoveryInput>
{
    public RecoveryInputValidator()
    {
        RuleFor(x => x.RecoveryCode).NotEmpty().WithMessage("Enter one of your recovery codes.")
            .MaximumLength(32).WithMessage("A recovery code has 10 characters (XXXXX-XXXXX).");
        RuleFor(x => x.ReturnUrl).MaximumLength(2000);
    }
}

/// <summary>
/// The second step of signing in, for a user with two-factor sign-in: a code of the authenticator app (the
/// browser may be remembered for this step) or one of the recovery codes, each good once. Identity keeps who
/// passed the password in its short-lived two-factor cookie. A wrong code or recovery code counts towards the
/// same lockout as a wrong password (five, then 15 minutes), and every failure gets one answer.
/// </summary>
public sealed class TwoFactorSignIn(
    SignInManager<PortalUser> signInManager,
    UserManager<PortalUser> userManager,
    IValidator<CodeInput> codeValidator,
    IValidator<RecoveryInput> recoveryValidator,
    IHttpContextAccessor http,
    TimeProvider clock,
    ILoggerFactory loggerFactory)
{
    public const string GenericError = "That code did not work, or the account is temporarily locked. Try again later.";

    public const string Expired = "Your sign-in has expired. Sign in with your password again.";

    private readonly ILogger _security = loggerFactory.CreateLogger(SecurityEvents.Category);

    /// <summary>Whether this browser has passed the password and waits for the second step.</summary>
    public async Task<bool> IsPendingAsync() => await signInManager.GetTwoFactorAuthenticationUserAsync() is not null;

    public async Task<Result<PortalUser>> WithCodeAsync(CodeInput input, CancellationToken ct)
    {
        if (await codeValidator.RefuseAsync(input, ct) is { } invalid)
        {
            return invalid;
        }

        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return Result.Refused(string.Empty, Expired);
        }

        // Identity checks the lockout first, and counts a wrong code as a failed attempt.
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(TotpCode.Normalise(input.Code), isPersistent: false, rememberClient: input.RememberBrowser);
        return Outcome(user, result.Succeeded, result.IsLockedOut, "wrong two-factor code");
    }

    public async Task<Result<PortalUser>> WithRecoveryCodeAsync(RecoveryInput input, CancellationToken ct)
    {
        if (await recoveryValidator.RefuseAsync(input, ct) is { } invalid)
        {
            return invalid;
        }

        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return Result.Refused(string.Empty, Expired);
        }

        // Identity's recovery-code sign-in neither checks nor counts towards the lockout: done here, so a
        // locked login stays locked and guessing recovery codes locks it like guessing passwords.
        if (await userManager.IsLockedOutAsync(user))
        {
            return Outcome(user, succeeded: false, lockedOut: true, "locked out");
        }

        var result = await signInManager.TwoFactorRecoveryCodeSignInAsync(TotpCode.NormaliseRecovery(input.RecoveryCode));
        if (!result.Succeeded)
        {
            await userManager.AccessFailedAsync(user);
        }

        return Outcome(user, result.Succeeded, await userManager.IsLockedOutAsync(user), "wrong recovery code");
    }

    private Result<PortalUser> Outcome(PortalUser user, bool succeeded, bool lockedOut, string reason)
    {
        var ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        var email = user.Email ?? string.Empty;
        if (succeeded)
        {
            SecurityEvents.LoginSucceeded(_security, email, user.ResellerId, ip, clock.GetUtcNow());
            return user;
        }

        if (lockedOut)
        {
            SecurityEvents.LockedOut(_security, email, ip, clock.GetUtcNow());
        }
        else
        {
            SecurityEvents.LoginFailed(_security, email, reason, ip, clock.GetUtcNow());
        }

        return Result.Refused(string.Empty, GenericError);
    }
}

/// <summary>Codes as people type them: spaces and dashes in an app's code, lower case or no dash in a recovery code.</summary>
public static class TotpCode
{
    public static string Normalise(string code) =>
        string.Concat(code.Where(c => c is not (' ' or '-')));

    public static string NormaliseRecovery(string code)
    {
        var plain = string.Concat(code.Where(char.IsLetterOrDigit)).ToUpperInvariant();
        return plain.Length == 10 ? string.Concat(plain.AsSpan(0, 5), "-", plain.AsSpan(5)) : code.Trim().ToUpperInvariant();
    }
}
