using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Web.Branding;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Clients;
using ResellerPortal.Web.Features.Users;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.ClientPortal;

/// <summary>The contact fields a client may change itself: those the reseller shows on its signup form.</summary>
public sealed class ProfileForm : ContactFields
{
    public IReadOnlySet<string> Shown { get; set; } = new HashSet<string>();

    public static ProfileForm From(Client client, IReadOnlySet<string> shown)
    {
        var form = new ProfileForm { Shown = shown };
        form.Fill(client);
        return form;
    }
}

public sealed class ProfileFormValidator : ContactFieldsValidator<ProfileForm>;

public sealed class EmailChangeForm
{
    public string? NewEmail { get; set; }

    public string? CurrentPassword { get; set; }
}

public sealed class EmailChangeFormValidator : AbstractValidator<EmailChangeForm>
{
    public EmailChangeFormValidator()
    {
        RuleFor(x => x.NewEmail).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter the new email address.")
            .MaximumLength(Client.EmailMaxLength).EmailAddress().WithMessage("Enter an email address such as name@example.com.");
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Enter your current password.").MaximumLength(128);
    }
}

/// <summary>
/// A client's own profile (§7): the contact fields the reseller allows, judged by the reseller's client
/// form rules; e-mail (its login) and password change only with the current password.
/// </summary>
public sealed class ClientProfile(
    PortalDbContext db,
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signIn,
    IValidator<ProfileForm> validator,
    IValidator<ClientForm> clientValidator,
    IValidator<EmailChangeForm> emailValidator,
    IVatNumberChecker vat)
{
    public async Task<Result<ProfileForm>> FormAsync(Guid clientId, ClientBrand brand, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, ct);
        return client is null ? Result.NotFound : ProfileForm.From(client, brand.ShownFields);
    }

    public async Task<Result<Client>> SaveAsync(Guid clientId, ClientBrand brand, ProfileForm form, CancellationToken ct)
    {
        form.Shown = brand.ShownFields;
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null)
        {
            return Result.NotFound;
        }

        // Fields the reseller does not offer keep their stored values.
        var shown = form.Shown;
        var clientForm = ClientForm.From(client);
        form.CopyShownTo(clientForm, shown);
        var refusals = ((await clientValidator.RefuseAsync(clientForm, ct))?.All ?? [])
            .Concat((await ClientRules.RefuseAsync(db, vat, clientForm, ct))?.All ?? [])
            .Where(r => shown.Contains(r.Field) || r.Field.Length == 0).ToList();
        if (refusals.Count > 0)
        {
            return new Refusals(refusals);
        }

        client.Update(clientForm.Details());
        await db.SaveChangesAsync(ct);
        return client;
    }

    public async Task<Result<Done>> ChangeEmailAsync(Guid userId, Guid clientId, EmailChangeForm form, CancellationToken ct)
    {
        if (await emailValidator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var login = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.ClientId == clientId, ct);
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, ct);
        if (login is null || client is null)
        {
            return Result.NotFound;
        }

        if (!await users.CheckPasswordAsync(login, form.CurrentPassword!))
        {
            return Result.Refused(nameof(form.CurrentPassword), ChangePassword.WrongPassword);
        }

        var email = form.NewEmail!.Trim().ToLowerInvariant();
        if (await db.Clients.IgnoreQueryFilters([PortalDbContext.OperatorScopeFilter]).AnyAsync(c => c.Email == email && c.Id != clientId, ct))
        {
            return Result.Refused(nameof(form.NewEmail), "This e-mail address cannot be used. Choose another.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var clientForm = ClientForm.From(client);
        clientForm.Email = email;
        client.Update(clientForm.Details());
        await db.SaveChangesAsync(ct);
        login.Email = email;
        login.UserName = ClientSignIn.UserName(client.ResellerId, email);
        var updated = await users.UpdateAsync(login);
        if (!updated.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            return Result.Refused(nameof(form.NewEmail), "This e-mail address cannot be used. Choose another.");
        }

        await transaction.CommitAsync(ct);
        await signIn.RefreshSignInAsync(login);
        return Result.Done;
    }
}
