using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Web.Branding;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Clients;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.ClientPortal;

/// <summary>The contact fields a client may change itself: those the reseller shows on its signup form.</summary>
public sealed class ProfileForm
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Company { get; set; }

    public string? Address { get; set; }

    public string? City { get; set; }

    public string? State { get; set; }

    public string? Country { get; set; }

    public string? Zip { get; set; }

    public string? Phone { get; set; }

    public string? VatNumber { get; set; }

    public IReadOnlySet<string> Shown { get; set; } = new HashSet<string>();

    public static ProfileForm From(Client client, IReadOnlySet<string> shown) => new()
    {
        FirstName = client.FirstName,
        LastName = client.LastName,
        Company = client.Company,
        Address = client.Address,
        City = client.City,
        State = client.State,
        Country = client.Country,
        Zip = client.Zip,
        Phone = PhoneNumber.Display(client.Phone),
        VatNumber = client.VatNumber,
        Shown = shown,
    };
}

public sealed class ProfileFormValidator : AbstractValidator<ProfileForm>
{
    public ProfileFormValidator()
    {
        RuleFor(x => x.FirstName).MaximumLength(Client.NameMaxLength);
        RuleFor(x => x.LastName).MaximumLength(Client.NameMaxLength);
        RuleFor(x => x.Company).MaximumLength(Client.CompanyMaxLength);
        RuleFor(x => x.Address).MaximumLength(Client.AddressMaxLength);
        RuleFor(x => x.City).MaximumLength(Client.CityMaxLength);
        RuleFor(x => x.State).MaximumLength(Client.CityMaxLength);
        RuleFor(x => x.Country).MaximumLength(2);
        RuleFor(x => x.Zip).MaximumLength(Client.ZipMaxLength);
        RuleFor(x => x.Phone).MaximumLength(40);
        RuleFor(x => x.VatNumber).MaximumLength(40);
    }
}

public sealed class PasswordChangeForm
{
    public string? CurrentPassword { get; set; }

    public string? NewPassword { get; set; }

    public string? ConfirmPassword { get; set; }
}

public sealed class PasswordChangeFormValidator : AbstractValidator<PasswordChangeForm>
{
    public PasswordChangeFormValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Enter your current password.").MaximumLength(128);
        RuleFor(x => x.NewPassword).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Choose a new password.")
            .MinimumLength(8).WithMessage("Use at least 8 characters.").MaximumLength(128);
        RuleFor(x => x.ConfirmPassword).MaximumLength(128).Equal(x => x.NewPassword).WithMessage("The two passwords differ.");
    }
}

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
    IValidator<PasswordChangeForm> passwordValidator,
    IValidator<EmailChangeForm> emailValidator,
    IVatNumberChecker vat)
{
    public const string WrongPassword = "The current password is not right.";

    public static IReadOnlySet<string> Editable(ClientBrand brand) =>
        brand.SignupFields.Where(f => f.Shown).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

    public async Task<Result<ProfileForm>> FormAsync(Guid clientId, ClientBrand brand, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, ct);
        return client is null ? Result.NotFound : ProfileForm.From(client, Editable(brand));
    }

    public async Task<Result<Client>> SaveAsync(Guid clientId, ClientBrand brand, ProfileForm form, CancellationToken ct)
    {
        form.Shown = Editable(brand);
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
        string Pick(string name, string? value, string stored) => shown.Contains(name) ? value ?? string.Empty : stored;
        var clientForm = ClientForm.From(client);
        clientForm.FirstName = Pick(nameof(form.FirstName), form.FirstName, client.FirstName);
        clientForm.LastName = Pick(nameof(form.LastName), form.LastName, client.LastName);
        clientForm.Company = Pick(nameof(form.Company), form.Company, client.Company);
        clientForm.Address = Pick(nameof(form.Address), form.Address, client.Address);
        clientForm.City = Pick(nameof(form.City), form.City, client.City);
        clientForm.State = Pick(nameof(form.State), form.State, client.State);
        clientForm.Country = Pick(nameof(form.Country), form.Country, client.Country);
        clientForm.Zip = Pick(nameof(form.Zip), form.Zip, client.Zip);
        clientForm.Phone = Pick(nameof(form.Phone), form.Phone, clientForm.Phone ?? string.Empty);
        clientForm.VatNumber = Pick(nameof(form.VatNumber), form.VatNumber, client.VatNumber ?? string.Empty);
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

    public async Task<Result<Done>> ChangePasswordAsync(Guid userId, PasswordChangeForm form, CancellationToken ct)
    {
        if (await passwordValidator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var login = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.ClientId != null, ct);
        if (login is null)
        {
            return Result.NotFound;
        }

        var result = await users.ChangePasswordAsync(login, form.CurrentPassword!, form.NewPassword!);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? Result.Refused(nameof(form.CurrentPassword), WrongPassword)
                : new Refusals(result.Errors.Select(e => new Refusal(nameof(form.NewPassword), e.Description)).ToList());
        }

        // The stamp changed: other sessions end; this one is issued again.
        await signIn.RefreshSignInAsync(login);
        return Result.Done;
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
            return Result.Refused(nameof(form.CurrentPassword), WrongPassword);
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
