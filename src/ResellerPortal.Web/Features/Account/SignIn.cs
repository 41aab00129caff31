using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Infrastructure;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Account;

public sealed class LoginInput
{
    public string Email { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    public string? ReturnUrl { get; set; }
}

public sealed class LoginInputValidator : AbstractValidator<LoginInput>
{
    public LoginInputValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your email address.")
            .MaximumLength(256).EmailAddress().WithMessage("Enter a valid email address.");
        RuleFor(x => x.Password).NotEmpty().WithMessage("Enter your password.")
            .MaximumLength(128).WithMessage("Passwords are at most 128 characters.");
        RuleFor(x => x.ReturnUrl).MaximumLength(2000);
    }
}

/// <summary>What comes after a right password: done, the code step (two-factor sign-in on), or enrolment (required and missing).</summary>
public sealed record PasswordAccepted(PortalUser User, bool NeedsCode, bool MustEnrol);

/// <summary>
/// Signs a user in with e-mail and password. Unknown e-mail, wrong password, disabled and locked-out logins
/// get one answer (<see cref="GenericError"/>) after the same password-hash work, so neither the text nor the
/// timing tells which e-mails have a login; five wrong passwords lock the login (Identity's lockout).
/// </summary>
public sealed class SignIn(
    SignInManager<PortalUser> signInManager,
    UserManager<PortalUser> userManager,
    IPasswordHasher<PortalUser> passwordHasher,
    IValidator<LoginInput> validator,
    IHttpContextAccessor http,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<PortalOptions> options,
    ILoggerFactory loggerFactory)
{
    public const string GenericError = "Invalid email or password, or the account is temporarily locked. Try again later.";

    private static string? _decoyHash;

    private readonly ILogger _security = loggerFactory.CreateLogger(SecurityEvents.Category);

    public async Task<Result<PasswordAccepted>> HandleAsync(LoginInput input, CancellationToken ct)
    {
        if (await validator.RefuseAsync(input, ct) is { } invalid)
        {
            return invalid;
        }

        var ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        var now = clock.GetUtcNow();
        // Staff logins only: a client signs in on its reseller's client portal (Features/ClientPortal), and
        // its login here fails like an unknown e-mail.
        var normalizedEmail = userManager.NormalizeEmail(input.Email);
        var user = await userManager.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail && u.ClientId == null, ct);
        if (user is null || user.IsDisabled)
        {
            // The same password-hash work as a known email with a wrong password, so the answer's
            // timing does not tell which emails have a login either.
            _ = passwordHasher.VerifyHashedPassword(user ?? new PortalUser(), DecoyHash(passwordHasher), input.Password);
            // Same answer as a wrong password: the page must not reveal whether the email exists.
            SecurityEvents.LoginFailed(_security, input.Email, user is null ? "unknown email" : "disabled", ip, now);
            return Failed;
        }

        if (await userManager.IsLockedOutAsync(user))
        {
            // Identity answers a locked-out login without hashing: hash anyway, or the quick answer
            // would tell that this email exists and is locked.
            _ = passwordHasher.VerifyHashedPassword(user, DecoyHash(passwordHasher), input.Password);
            SecurityEvents.LockedOut(_security, input.Email, ip, now);
            return Failed;
        }

        // A fresh session: any previous cookie is dropped before the new ticket is issued.
        await signInManager.SignOutAsync();
        var result = await signInManager.PasswordSignInAsync(user, input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            // Identity keeps who passed the password in a short-lived cookie of its own until the code step.
            return new PasswordAccepted(user, NeedsCode: true, MustEnrol: false);
        }

        if (result.Succeeded)
        {
            SecurityEvents.LoginSucceeded(_security, input.Email, user.ResellerId, ip, now);
            var mustEnrol = options.Value.RequireTwoFactorForStaff && !user.TwoFactorEnabled
                && (await userManager.GetRolesAsync(user)).Any(r => r is Domain.Roles.PlatformAdmin or Domain.Roles.Support);
            return new PasswordAccepted(user, NeedsCode: false, mustEnrol);
        }

        if (result.IsLockedOut)
        {
            SecurityEvents.LockedOut(_security, input.Email, ip, now);
        }
        else
        {
            SecurityEvents.LoginFailed(_security, input.Email, "wrong password", ip, now);
        }

        return Failed;
    }

    /// <summary>One refusal for unknown email, wrong password, disabled and locked out alike, for the whole form.</summary>
    private static Refusal Failed => Result.Refused(string.Empty, GenericError);

    /// <summary>A hash made with the configured iterations, once per process, that no password matches by design.</summary>
    internal static string DecoyHash(IPasswordHasher<PortalUser> hasher) =>
        _decoyHash ??= hasher.HashPassword(new PortalUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
}
