using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Money;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Clients;

/// <summary>Every field of the manual's create and edit client pages (seed 003 "Manage client's account", seed 001 "Customers").</summary>
public sealed class ClientForm
{
    public Guid? Id { get; set; }

    public Guid OperatorId { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Company { get; set; }

    public string? Address { get; set; }

    public string? City { get; set; }

    public string? State { get; set; }

    public string? Country { get; set; }

    public string? Zip { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Currency { get; set; } = "EUR";

    public string? VatNumber { get; set; }

    public DateOnly? NextBillingDate { get; set; }

    public BalanceManagement BalanceManagement { get; set; }

    public decimal? LowBalanceThreshold { get; set; }

    public string? LowBalanceEmail { get; set; }

    /// <summary>Create only: leave the client in WAIT, as a signup would be, instead of active.</summary>
    public bool StartInWait { get; set; }

    /// <summary>Create only: a first sub-account to connect, optionally with a package.</summary>
    public string? SubAccountName { get; set; }

    public Guid? PackageId { get; set; }

    /// <summary>Create only: charge the package's setup fee now (the manual's "Setup fees" box).</summary>
    public bool ChargeSetupFee { get; set; }

    // Filled by the controller for the view.
    public IReadOnlyList<(Guid Id, string Name)> Operators { get; set; } = [];

    public IReadOnlyList<(Guid Id, string Name, string Currency)> Packages { get; set; } = [];

    public ClientDetails Details() => new(
        FirstName ?? string.Empty, LastName ?? string.Empty, Company ?? string.Empty, Address ?? string.Empty, City ?? string.Empty,
        State ?? string.Empty, Country ?? string.Empty, Zip ?? string.Empty, Email ?? string.Empty, Phone is null ? string.Empty : PhoneNumber.NormalizeE164(Phone, Country) ?? Phone,
        VatNumber);
}

/// <summary>Checks that a VAT number is registered. Only the offline format check exists here (no network); an online VIES client can implement this.</summary>
public interface IVatNumberChecker
{
    Task<bool> IsValidAsync(string countryCode, string vatNumber, CancellationToken ct);
}

public sealed class FormatOnlyVatNumberChecker : IVatNumberChecker
{
    public Task<bool> IsValidAsync(string countryCode, string vatNumber, CancellationToken ct) =>
        Task.FromResult(EuVat.IsValidFormat(countryCode, vatNumber));
}

public sealed class ClientFormValidator : AbstractValidator<ClientForm>
{
    public ClientFormValidator(PortalDbContext db, IVatNumberChecker vat)
    {
        RuleFor(x => x.FirstName).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the client's first name.")
            .MaximumLength(Client.NameMaxLength);
        RuleFor(x => x.LastName).MaximumLength(Client.NameMaxLength);
        RuleFor(x => x.Company).MaximumLength(Client.CompanyMaxLength);
        RuleFor(x => x.Address).MaximumLength(Client.AddressMaxLength);
        RuleFor(x => x.City).MaximumLength(Client.CityMaxLength);
        RuleFor(x => x.State).MaximumLength(Client.CityMaxLength);
        RuleFor(x => x.Zip).MaximumLength(Client.ZipMaxLength);
        RuleFor(x => x.Country).Must(c => string.IsNullOrWhiteSpace(c) || Countries.Find(c) is not null)
            .WithMessage("Choose a country from the list.");
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the client's email; it is also their login.")
            .MaximumLength(Client.EmailMaxLength)
            .EmailAddress().WithMessage("Enter an email address such as name@example.com.")
            .MustAsync(async (form, email, ct) =>
            {
                var normalized = (email ?? string.Empty).Trim().ToLowerInvariant();
                // Across the reseller, including clients of operators this user does not see: the email is a login.
                return !await db.Clients.IgnoreQueryFilters([PortalDbContext.OperatorScopeFilter])
                    .AnyAsync(c => c.Email == normalized && c.Id != form.Id, ct);
            }).WithMessage("Another client already uses this email.");
        // The client's country is the default region: a number typed as dialled there ("020 7946 0000"
        // for GB) is stored in E.164 like one typed with +44.
        RuleFor(x => x.Phone).Must((form, p) => string.IsNullOrWhiteSpace(p) || PhoneNumber.Problem(p, form.Country) is null)
            .WithMessage((form, p) => $"{PhoneNumber.Problem(p, form.Country)} Enter it in international form, e.g. +44 20 7946 0000"
                + (Countries.Find(form.Country) is { } country ? $", or as dialled in {country.Name}." : "."));
        RuleFor(x => x.Currency).Must(Currencies.IsKnown).WithMessage("Choose an ISO 4217 currency from the list.");
        RuleFor(x => x.VatNumber).Cascade(CascadeMode.Stop)
            .Must((form, v) => !string.IsNullOrWhiteSpace(v) || !Client.RequiresVatNumber(form.Country, form.Company))
            .WithMessage("EU business clients need a VAT number.")
            .Must((form, v) => string.IsNullOrWhiteSpace(v) || Client.StoredVatNumber(form.Country, v).Length <= Client.VatMaxLength)
            .WithMessage($"A VAT number has at most {Client.VatMaxLength} characters.")
            .MustAsync(async (form, v, ct) => string.IsNullOrWhiteSpace(v) || !Countries.IsEu(form.Country) || await vat.IsValidAsync(form.Country!, v, ct))
            .WithMessage(form => $"This is not a valid VAT number for {Countries.Find(form.Country)?.Name} (check the digits; the country prefix is optional).");
        RuleFor(x => x.NextBillingDate).NotNull().WithMessage("Enter the next billing date.");
        RuleFor(x => x.LowBalanceThreshold)
            .Must(t => t is null || Client.IsValidThreshold(t.Value))
            .WithMessage(string.Create(CultureInfo.InvariantCulture, $"The low-balance threshold is between {Client.ThresholdMin:0} and {Client.ThresholdMax:0}."));
        RuleFor(x => x.LowBalanceEmail).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.LowBalanceEmail))
            .WithMessage("Enter an email address for the low-balance warning, or leave it empty to use the client's.");
        RuleFor(x => x.LowBalanceEmail).MaximumLength(Client.EmailMaxLength)
            .WithMessage($"An email address has at most {Client.EmailMaxLength} characters.");
        RuleFor(x => x.BalanceManagement).IsInEnum()
            .Must((form, mode) => mode != BalanceManagement.Hard || !form.StartInWait)
            .WithMessage("A client waiting for activation is SOFT; switch to HARD once it is active.");
        RuleFor(x => x.OperatorId).MustAsync((id, ct) => db.Operators.AnyAsync(o => o.Id == id, ct))
            .WithMessage("Choose one of your operators.");
        RuleFor(x => x.SubAccountName).Cascade(CascadeMode.Stop)
            .Must(SubAccount.IsValidName).When(x => x.Id is null && !string.IsNullOrWhiteSpace(x.SubAccountName))
            .WithMessage("Use 2–40 lower-case letters, digits, dots, dashes or underscores.")
            .MustAsync(async (name, ct) =>
            {
                var normalized = name!.Trim().ToLowerInvariant();
                return !await db.SubAccounts.IgnoreQueryFilters([PortalDbContext.OperatorScopeFilter]).AnyAsync(s => s.Name == normalized, ct);
            }).When(x => x.Id is null && !string.IsNullOrWhiteSpace(x.SubAccountName))
            .WithMessage("A sub-account with this name already exists.");
        RuleFor(x => x.PackageId)
            .Must((form, id) => id is null || !string.IsNullOrWhiteSpace(form.SubAccountName))
            .WithMessage("A package is assigned to a sub-account: enter a sub-account name too.")
            .MustAsync(async (form, id, ct) => id is null || await db.Packages.AnyAsync(p => p.Id == id && p.Currency == Currencies.Normalize(form.Currency), ct))
            .WithMessage("Choose a package in the client's currency.");
    }
}
