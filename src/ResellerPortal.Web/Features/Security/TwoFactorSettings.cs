using System.Text.Encodings.Web;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using QRCoder;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Account;
using ResellerPortal.Web.Infrastructure;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Security;

/// <summary>The account security page: whether two-factor sign-in is on, and how many recovery codes are left.</summary>
public sealed record SecurityPage(bool TwoFactorEnabled, int RecoveryCodesLeft, bool Required)
{
    public DisableForm Disable { get; init; } = new();
}

/// <summary>The enrolment page: the QR code (a PNG as a data: address, no script) and the same key to type in.</summary>
public sealed record EnrolmentPage(bool AlreadyOn, string QrCode, string GroupedKey, bool Required)
{
    public EnrolForm Form { get; init; } = new();
}

public sealed class EnrolForm
{
    public string Code { get; set; } = string.Empty;
}

public sealed class EnrolFormValidator : AbstractValidator<EnrolForm>
{
    public EnrolFormValidator() =>
        RuleFor(x => x.Code).NotEmpty().WithMessage("Enter the 6-digit code your app shows now.")
            .MaximumLength(16).WithMessage("The code has 6 digits.");
}

public sealed class DisableForm
{
    public string Password { get; set; } = string.Empty;
}

public sealed class DisableFormValidator : AbstractValidator<DisableForm>
{
    public DisableFormValidator() =>
        RuleFor(x => x.Password).NotEmpty().WithMessage("Enter your password to turn two-factor sign-in off.")
            .MaximumLength(128).WithMessage("Passwords are at most 128 characters.");
}

/// <summary>
/// Two-factor sign-in of the signed-in user, with Identity's authenticator support (RFC 6238: 30-second
/// steps, 6 digits, SHA-1, the key in Identity's user tokens). Turning it on needs a code of the app, which
/// proves the key was copied; it gives 10 recovery codes, shown once, each good once; new ones replace them.
/// Turning it off needs the password (wrong ones count towards the lockout) and drops the key and any
/// remembered browser. Each change renews the security stamp (other sessions end) and re-issues this session.
/// </summary>
public sealed class TwoFactorSettings(
    UserManager<PortalUser> userManager,
    SignInManager<PortalUser> signInManager,
    IHttpContextAccessor http,
    IOptions<PortalOptions> options,
    IValidator<EnrolForm> enrolValidator,
    IValidator<DisableForm> disableValidator)
{
    public const int RecoveryCodeCount = 10;

    private const string Issuer = "ResellerPortal";

    public async Task<Result<SecurityPage>> ShowAsync()
    {
        if (await CurrentUserAsync() is not { } user)
        {
            return Result.NotFound;
        }

        var left = user.TwoFactorEnabled ? await userManager.CountRecoveryCodesAsync(user) : 0;
        return new SecurityPage(user.TwoFactorEnabled, left, await IsRequiredAsync(user));
    }

    /// <summary>The key to enrol; made on the first visit, and kept until enrolment so a reload shows the same QR code.</summary>
    public async Task<Result<EnrolmentPage>> ShowEnrolmentAsync()
    {
        if (await CurrentUserAsync() is not { } user)
        {
            return Result.NotFound;
        }

        if (user.TwoFactorEnabled)
        {
            return new EnrolmentPage(AlreadyOn: true, string.Empty, string.Empty, false);
        }

        var key = await userManager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await userManager.ResetAuthenticatorKeyAsync(user);
            await signInManager.RefreshSignInAsync(user);
            key = await userManager.GetAuthenticatorKeyAsync(user) ?? string.Empty;
        }

        var email = user.Email ?? user.UserName ?? string.Empty;
        var uri = $"otpauth://totp/{UrlEncoder.Default.Encode(Issuer)}:{UrlEncoder.Default.Encode(email)}?secret={key}&issuer={UrlEncoder.Default.Encode(Issuer)}&digits=6";
        return new EnrolmentPage(AlreadyOn: false, QrCodeImage(uri), Grouped(key), await IsRequiredAsync(user));
    }

    // Refused while acting: the controller's actions carry [NotWhileActing].
    public async Task<Result<IReadOnlyList<string>>> EnableAsync(EnrolForm form, CancellationToken ct)
    {
        if (await enrolValidator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        if (await CurrentUserAsync() is not { } user)
        {
            return Result.NotFound;
        }

        if (user.TwoFactorEnabled)
        {
            return Result.Refused(string.Empty, "Two-factor sign-in is already on.");
        }

        var valid = await userManager.VerifyTwoFactorTokenAsync(user, userManager.Options.Tokens.AuthenticatorTokenProvider, TotpCode.Normalise(form.Code));
        if (!valid)
        {
            return Result.Refused(nameof(EnrolForm.Code), "That code does not match. Check that your phone's clock is right and enter the code the app shows now.");
        }

        await userManager.SetTwoFactorEnabledAsync(user, true);
        var codes = await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await signInManager.RefreshSignInAsync(user);
        return Codes(codes);
    }

    // Refused while acting: the controller's actions carry [NotWhileActing].
    public async Task<Result<IReadOnlyList<string>>> RegenerateRecoveryCodesAsync()
    {
        if (await CurrentUserAsync() is not { } user)
        {
            return Result.NotFound;
        }

        if (!user.TwoFactorEnabled)
        {
            return Result.Refused(string.Empty, "Recovery codes come with two-factor sign-in: turn it on first.");
        }

        return Codes(await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount));
    }

    // Refused while acting: the controller's actions carry [NotWhileActing].
    public async Task<Result<Done>> DisableAsync(DisableForm form, CancellationToken ct)
    {
        if (await disableValidator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        if (await CurrentUserAsync() is not { } user)
        {
            return Result.NotFound;
        }

        if (!user.TwoFactorEnabled)
        {
            return Result.Refused(string.Empty, "Two-factor sign-in is already off.");
        }

        var check = await signInManager.CheckPasswordSignInAsync(user, form.Password, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            return Result.Refused(nameof(DisableForm.Password), "That is not your password, or the account is temporarily locked.");
        }

        await userManager.SetTwoFactorEnabledAsync(user, false);
        // A later enrolment starts from a new key: the old one (and its QR code) stops giving codes.
        await userManager.ResetAuthenticatorKeyAsync(user);
        await signInManager.ForgetTwoFactorClientAsync();
        await signInManager.RefreshSignInAsync(user);
        return Result.Done;
    }

    private async Task<PortalUser?> CurrentUserAsync() =>
        http.HttpContext?.User is { } principal ? await userManager.GetUserAsync(principal) : null;

    private async Task<bool> IsRequiredAsync(PortalUser user) =>
        options.Value.RequireTwoFactorForStaff
        && (await userManager.GetRolesAsync(user)).Any(r => r is Domain.Roles.PlatformAdmin or Domain.Roles.Support);

    private static List<string> Codes(IEnumerable<string>? codes) => [.. codes ?? []];

    /// <summary>The key in groups of four, as authenticator apps show it (they ignore the spaces and the case).</summary>
    public static string Grouped(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));

    private static string QrCodeImage(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
