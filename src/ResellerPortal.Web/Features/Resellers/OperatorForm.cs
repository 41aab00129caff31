using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Resellers;

public sealed class OperatorForm
{
    public Guid? Id { get; set; }

    public Guid ResellerId { get; set; }

    public string? ResellerName { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Domain { get; set; } = string.Empty;

    /// <summary>Expiry of the domain's SSL certificate, typed or read from <see cref="Certificate"/>.</summary>
    public DateOnly? CertificateExpiresOn { get; set; }

    public IFormFile? Certificate { get; set; }
}

public sealed class OperatorFormValidator : AbstractValidator<OperatorForm>
{
    public OperatorFormValidator(PortalDbContext db)
    {
        RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the operator's display name (e.g. EU).")
            .MaximumLength(Operator.NameMaxLength)
            .MustAsync(async (form, name, ct) =>
            {
                var trimmed = name.Trim();
                return !await db.Operators.IgnoreQueryFilters()
                    .AnyAsync(o => o.ResellerId == form.ResellerId && o.Name == trimmed && o.Id != form.Id, ct);
            })
            .WithMessage("This reseller already has an operator with that name.");
        RuleFor(x => x.Domain).NotEmpty().WithMessage("Enter the domain that hosts the instances.")
            .Must(Operator.IsValidDomain).WithMessage("Enter a host name such as eu.example-live.com.");
    }
}
