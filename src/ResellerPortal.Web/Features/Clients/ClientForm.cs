using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Money;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Clients;

/// <summary>Every field of the manual's create and edit client pages (seed 003 "Manage client's account", seed 001 "Customers").</summary>
public sealed class ClientForm : ContactFields
{
    public Guid? Id { get; set; }

    public Guid OperatorId { get; set; }

    public string? Email { get; set; }

    public string? Currency { get; set; } = "EUR";

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

    // The choices of the view, filled by FillChoicesAsync.
    public IReadOnlyList<(Guid Id, string Name)> Operators { get; set; } = [];

    public IReadOnlyList<(Guid Id, string Name, string Currency)> Packages { get; set; } = [];

    /// <summary>The form of a stored client, as the edit page opens it.</summary>
    public static ClientForm From(Client client)
    {
        var form = new ClientForm
        {
            Id = client.Id,
            OperatorId = client.OperatorId,
            Email = client.Email,
            Currency = client.Currency,
            NextBillingDate = client.NextBillingDate,
            BalanceManagement = client.BalanceManagement,
            LowBalanceThreshold = client.LowBalanceThreshold,
            LowBalanceEmail = client.LowBalanceEmail,
            StartInWait = client.Status == ClientStatus.Wait,
        };
        form.Fill(client);
        return form;
    }

    /// <summary>The operators and packages the form's lists offer (the query filters leave this user's own).</summary>
    public async Task FillChoicesAsync(PortalDbContext db, CancellationToken ct)
    {
        Operators = (await db.Operators.OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct)).Select(o => (o.Id, o.Name)).ToList();
        Packages = (await db.Packages.OrderBy(p => p.Name).Select(p => new { p.Id, p.Name, p.Currency }).ToListAsync(ct))
            .Select(p => (p.Id, p.Name, p.Currency)).ToList();
    }

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

/// <summary>The simple rules of the client form: each field on its own, no database. <see cref="ClientRules"/> holds the rest.</summary>
public sealed class ClientFormValidator : AbstractValidator<ClientForm>
{
    public ClientFormValidator()
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
            .EmailAddress().WithMessage("Enter an email address such as name@example.com.");
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
            .Must((form, v) => string.IsNullOrWhiteSpace(v) || !Countries.IsEu(form.Country) || EuVat.IsValidFormat(form.Country, v))
            .WithMessage(form => NotAVatNumber(form.Country));
        RuleFor(x => x.NextBillingDate).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter the next billing date.")
            .WithinPortalDates();
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
        RuleFor(x => x.SubAccountName)
            .Must(SubAccount.IsValidName).When(x => x.Id is null && !string.IsNullOrWhiteSpace(x.SubAccountName))
            .WithMessage("Use 2–40 lower-case letters, digits, dots, dashes or underscores.");
        RuleFor(x => x.PackageId)
            .Must((form, id) => id is null || !string.IsNullOrWhiteSpace(form.SubAccountName))
            .WithMessage("A package is assigned to a sub-account: enter a sub-account name too.");
    }

    public static string NotAVatNumber(string? country) =>
        $"This is not a valid VAT number for {Countries.Find(country)?.Name} (check the digits; the country prefix is optional).";
}

/// <summary>
/// The client form's rules that need the database or the VAT register, shared by create and edit: the
/// operator is one this user may use, the email (the client's login) is free across the reseller, and an EU
/// VAT number is registered.
/// </summary>
public static class ClientRules
{
    public static async Task<Refusals?> RefuseAsync(PortalDbContext db, IVatNumberChecker vat, ClientForm form, CancellationToken ct)
    {
        var refusals = new List<Refusal>();
        if (!await db.Operators.AnyAsync(o => o.Id == form.OperatorId, ct))
        {
            refusals.Add(new(nameof(form.OperatorId), "Choose one of your operators."));
        }

        var email = (form.Email ?? string.Empty).Trim().ToLowerInvariant();
        // Across the reseller, including clients of operators this user does not see: the email is a login.
        if (await db.Clients.IgnoreQueryFilters([PortalDbContext.OperatorScopeFilter]).AnyAsync(c => c.Email == email && c.Id != form.Id, ct))
        {
            refusals.Add(new(nameof(form.Email), EmailTaken));
        }

        if (!string.IsNullOrWhiteSpace(form.VatNumber) && Countries.IsEu(form.Country) && !await vat.IsValidAsync(form.Country!, form.VatNumber, ct))
        {
            refusals.Add(new(nameof(form.VatNumber), ClientFormValidator.NotAVatNumber(form.Country)));
        }

        return refusals.Count == 0 ? null : new Refusals(refusals);
    }

    /// <summary>The same words as the unique index's refusal (IX_Clients_ResellerId_Email), which catches a concurrent save.</summary>
    public const string EmailTaken = "Another client already uses this e-mail address.";
}
