using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Resellers;

/// <summary>An operator's name, domain and certificate expiry, as the create and edit forms post them.</summary>
public sealed class OperatorForm
{
    /// <summary>The operator being edited (from the route, never from the body); null when creating.</summary>
    [BindNever]
    public Guid? Id { get; set; }

    /// <summary>The operator's reseller: from the route when creating, from the stored operator when editing.</summary>
    [BindNever]
    public Guid ResellerId { get; set; }

    /// <summary>Shown read-only; null until the handler or the page has filled it.</summary>
    [BindNever]
    public string? ResellerName { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Domain { get; set; } = string.Empty;

    /// <summary>Expiry of the domain's SSL certificate, typed or read from <see cref="Certificate"/>.</summary>
    public DateOnly? CertificateExpiresOn { get; set; }

    public IFormFile? Certificate { get; set; }
}

/// <summary>The form's simple rules; names and domains taken elsewhere are the handler's (<see cref="OperatorRules"/>).</summary>
public sealed class OperatorFormValidator : AbstractValidator<OperatorForm>
{
    public OperatorFormValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter the operator's display name (e.g. EU).")
            .MaximumLength(Operator.NameMaxLength);
        RuleFor(x => x.Domain).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the domain that hosts the instances.")
            .MaximumLength(Operator.DomainMaxLength)
            .Must(Operator.IsValidDomain).WithMessage("Enter a host name such as eu.example-live.com.");
        RuleFor(x => x.CertificateExpiresOn).WithinPortalDates();
    }
}

/// <summary>What the operator forms share: the uploaded certificate and the rules that need the database.</summary>
public static class OperatorRules
{
    public const string NameTaken = "Another operator of this reseller already has this name.";


    /// <summary>The read-only parts of the form; false when the reseller does not exist.</summary>
    public static async Task<bool> DescribeAsync(PortalDbContext db, OperatorForm form, CancellationToken ct)
    {
        form.ResellerName = await db.Resellers.Where(r => r.Id == form.ResellerId).Select(r => r.Name).SingleOrDefaultAsync(ct);
        return form.ResellerName is not null;
    }

    /// <summary>An uploaded certificate sets the expiry date from the certificate itself; a refusal when it cannot.</summary>
    public static async Task<Refusal?> ReadCertificateAsync(OperatorForm form, CancellationToken ct)
    {
        if (form.Certificate is null)
        {
            return null;
        }

        var reading = await CertificateFile.ReadAsync(form.Certificate, Operator.NormalizeDomain(form.Domain ?? string.Empty), ct);
        if (reading.Problem is not null)
        {
            return Result.Refused(nameof(OperatorForm.Certificate), reading.Problem);
        }

        form.CertificateExpiresOn = reading.ExpiresOn;
        return null;
    }

    /// <summary>
    /// The form's simple rules, then the database's: the name is unique within the reseller, the domain across the platform (the certificate warnings of a
    /// domain go to its one reseller). The unique indexes say the same when two saves race.
    /// </summary>
    public static async Task<Refusals?> ValidateAsync(IValidator<OperatorForm> validator, PortalDbContext db, OperatorForm form, CancellationToken ct)
    {
        // The simple rules and the database's together, so the form comes back with every problem at once.
        var refusals = new List<Refusal>((await validator.RefuseAsync(form, ct))?.All ?? []);
        // An empty field binds as null: the validator has refused it, and there is nothing to look up.
        var name = form.Name?.Trim() ?? string.Empty;
        var domain = Operator.NormalizeDomain(form.Domain ?? string.Empty);
        // Other resellers' operators and those outside a user's scope count too: the rules are the platform's.
        var others = db.Operators.IgnoreQueryFilters().Where(o => o.Id != form.Id);
        if (name.Length > 0 && await others.AnyAsync(o => o.ResellerId == form.ResellerId && o.Name == name, ct))
        {
            refusals.Add(Result.Refused(nameof(OperatorForm.Name), NameTaken));
        }

        if (domain.Length > 0 && await others.AnyAsync(o => o.Domain == domain, ct))
        {
            refusals.Add(Result.Refused(nameof(OperatorForm.Domain), Operator.DomainTaken));
        }

        return refusals.Count == 0 ? null : new Refusals(refusals);
    }
}
