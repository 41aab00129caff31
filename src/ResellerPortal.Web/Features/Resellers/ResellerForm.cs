using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Resellers;

public sealed class ResellerForm
{
    public Guid? Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Slug { get; set; } = string.Empty;

    public bool IsActive { get; set; } = true;
}

public sealed class ResellerFormValidator : AbstractValidator<ResellerForm>
{
    public ResellerFormValidator(PortalDbContext db)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter the reseller's name.")
            .MaximumLength(Reseller.NameMaxLength);
        RuleFor(x => x.Slug).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a short name for the client portal address.")
            .Must(s => Reseller.IsValidSlug(Reseller.NormalizeSlug(s)))
            .WithMessage("Use 2–40 lower-case letters, digits and single dashes (e.g. acme-telecom).")
            .MustAsync(async (form, slug, ct) =>
            {
                var normalized = Reseller.NormalizeSlug(slug);
                return !await db.Resellers.AnyAsync(r => r.Slug == normalized && r.Id != form.Id, ct);
            })
            .WithMessage("Another reseller already uses this short name.");
    }
}
