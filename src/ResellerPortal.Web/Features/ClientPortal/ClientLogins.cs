using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Email;
using ResellerPortal.Domain.Money;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Email;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.ClientPortal;

public sealed class ForgotPasswordForm
{
    public string? Email { get; set; }
}

public sealed class ForgotPasswordFormValidator : AbstractValidator<ForgotPasswordForm>
{
    public ForgotPasswordFormValidator() =>
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter your email address.")
            .MaximumLength(Client.EmailMaxLength).EmailAddress().WithMessage("Enter a valid email address.");
}

public sealed class SetPasswordForm
{
    public Guid User { get; set; }

    public string? Token { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }
}

public sealed class SetPasswordFormValidator : AbstractValidator<SetPasswordForm>
{
    public SetPasswordFormValidator()
    {
        RuleFor(x => x.Token).NotEmpty().WithMessage(ClientLogins.LinkExpired).MaximumLength(2000);
        RuleFor(x => x.Password).NewPassword();
        RuleFor(x => x.ConfirmPassword).RepeatsPassword(x => x.Password);
    }
}

/// <summary>
/// A client's login to its reseller's portal (§7): the reseller's invitation, the client's "forgot your
/// password", and the set-password link both send. Links carry a single-use, time-limited token
/// (<see cref="PasswordLinkTokens"/>) and point at the reseller's own address (<see cref="ClientPortalLinks"/>).
/// </summary>
public sealed class ClientLogins(
    PortalDbContext db,
    UserManager<PortalUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    ClientEmails emails,
    ClientPortalLinks links,
    IValidator<ForgotPasswordForm> forgotValidator,
    IValidator<SetPasswordForm> setValidator,
    TimeProvider clock)
{
    public const string LinkExpired = "This link has expired or was already used. Ask for a new one.";

    /// <summary>
    /// The reseller invites (or re-invites) a client: its login is made if it has none, every earlier link
    /// and session of the login ends (new security stamp), and a set-password link goes out.
    /// </summary>
    public async Task<Result<Client>> InviteAsync(Guid clientId, CancellationToken ct)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null)
        {
            return Result.NotFound;
        }

        if (client.Status == ClientStatus.Blocked)
        {
            return Result.Refused(string.Empty, "A BLOCKED client cannot be invited; activate it first.");
        }

        var login = await db.Users.SingleOrDefaultAsync(u => u.ClientId == client.Id, ct);
        if (login is null)
        {
            login = await CreateLoginAsync(client, password: null);
            if (login is null)
            {
                return Result.Refused(string.Empty, "This e-mail address cannot be used as a login. Check the client's e-mail.");
            }
        }
        else
        {
            login.Email = client.Email;
            login.UserName = ClientSignIn.UserName(client.ResellerId, client.Email);
            login.DisplayName = client.DisplayName;
            await users.UpdateAsync(login);
            await users.UpdateSecurityStampAsync(login);
        }

        await SendLinkAsync(client, login, EmailTemplateKind.ClientInvitation, "set-password", ct);
        await db.SaveChangesAsync(ct);
        return client;
    }

    /// <summary>Sends a reset link when the e-mail is a client login at this reseller; says the same either way.</summary>
    public async Task<Result<Done>> ForgotAsync(Guid resellerId, ForgotPasswordForm form, CancellationToken ct)
    {
        if (await forgotValidator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var normalized = users.NormalizeEmail(form.Email!.Trim());
        var login = await db.Users.SingleOrDefaultAsync(u => u.ResellerId == resellerId && u.ClientId != null && u.NormalizedEmail == normalized && !u.IsDisabled, ct);
        var client = login is null ? null : await db.Clients.SingleOrDefaultAsync(c => c.Id == login.ClientId, ct);
        if (login is not null && client is not null && client.Status != ClientStatus.Blocked)
        {
            await SendLinkAsync(client, login, EmailTemplateKind.PasswordReset, "reset-password", ct);
            await db.SaveChangesAsync(ct);
        }

        return Result.Done;
    }

    /// <summary>Sets the password from a link; the token works once (the stamp changes) and only within its time.</summary>
    public async Task<Result<Done>> SetPasswordAsync(Guid resellerId, SetPasswordForm form, CancellationToken ct)
    {
        if (await setValidator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var login = await db.Users.SingleOrDefaultAsync(u => u.Id == form.User && u.ResellerId == resellerId && u.ClientId != null, ct);
        var client = login is null ? null : await db.Clients.SingleOrDefaultAsync(c => c.Id == login.ClientId, ct);
        if (login is null || client is null || login.IsDisabled)
        {
            return Result.Refused(string.Empty, LinkExpired);
        }

        var result = await users.ResetPasswordAsync(login, form.Token!, form.Password!);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? Result.Refused(string.Empty, LinkExpired)
                : new Refusals(result.Errors.Select(e => new Refusal(nameof(form.Password), e.Description)).ToList());
        }

        // A forgotten password is a reason to be locked out; the link proves the mailbox, so the count restarts.
        await users.ResetAccessFailedCountAsync(login);
        await users.SetLockoutEndDateAsync(login, null);
        await emails.EnqueueAsync(client.ResellerId, EmailTemplateKind.PasswordResetCompleted, client.Email, Values(client, link: null), ct);
        await db.SaveChangesAsync(ct);
        return Result.Done;
    }

    /// <summary>Makes the client login of <paramref name="client"/> (role Client); null when Identity refuses it.</summary>
    public async Task<PortalUser?> CreateLoginAsync(Client client, string? password)
    {
        if (!await roles.RoleExistsAsync(Roles.Client))
        {
            await roles.CreateAsync(new IdentityRole<Guid>(Roles.Client));
        }

        var login = new PortalUser
        {
            UserName = ClientSignIn.UserName(client.ResellerId, client.Email),
            Email = client.Email,
            ResellerId = client.ResellerId,
            ClientId = client.Id,
            DisplayName = client.DisplayName.Length > PortalUser.DisplayNameMaxLength ? client.DisplayName[..PortalUser.DisplayNameMaxLength] : client.DisplayName,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = password is null ? await users.CreateAsync(login) : await users.CreateAsync(login, password);
        if (!created.Succeeded)
        {
            return null;
        }

        await users.AddToRoleAsync(login, Roles.Client);
        return login;
    }

    public static TemplateValues Values(Client client, string? link) => new(
        client.FirstName,
        client.LastName,
        Currencies.Show(client.Balance, client.Currency),
        client.LowBalanceThreshold is { } t ? Currencies.Show(t, client.Currency) : string.Empty,
        link);

    private async Task SendLinkAsync(Client client, PortalUser login, EmailTemplateKind kind, string page, CancellationToken ct)
    {
        var token = await users.GeneratePasswordResetTokenAsync(login);
        var baseUrl = await links.BaseUrlAsync(client.ResellerId, ct);
        var link = string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/{page}?user={login.Id:D}&token={Uri.EscapeDataString(token)}");
        await emails.EnqueueAsync(client.ResellerId, kind, client.Email, Values(client, link), ct);
    }
}
