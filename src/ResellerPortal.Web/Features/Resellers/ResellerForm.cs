using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Resellers;

/// <summary>A reseller's name, short name and status, as the create and edit forms post them.</summary>
public sealed class ResellerForm
{
    /// <summary>The reseller being edited (from the route, never from the body); null when creating.</summary>
    [BindNever]
    public Guid? Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Slug { get; set; } = string.Empty;

    public bool IsActive { get; set; } = true;
}

/// <summary>The form's simple rules; whether the short name is taken is the handler's (<see cref="ResellerRules"/>).</summary>
public sealed class ResellerFormValidator : AbstractValidator<ResellerForm>
{
    public ResellerFormValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter the reseller's name.")
            .MaximumLength(Reseller.NameMaxLength);
        RuleFor(x => x.Slug).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a short name for the client portal address.")
            .MaximumLength(Reseller.SlugMaxLength)
            .Must(s => Reseller.IsValidSlug(Reseller.NormalizeSlug(s)))
            .WithMessage("Use 2–40 lower-case letters, digits and single dashes (e.g. acme-telecom).");
    }
}

/// <summary>The database rules of the reseller forms, shared by create and edit.</summary>
public static class ResellerRules
{
    public const string SlugTaken = "Another reseller already has this short name.";

    /// <summary>
    /// The form's simple rules, then whether another reseller holds the short name (the unique index says the
    /// same if two saves race), together.
    /// </summary>
    public static async Task<Refusals?> ValidateAsync(IValidator<ResellerForm> validator, PortalDbContext db, ResellerForm form, CancellationToken ct)
    {
        var refusals = new List<Refusal>((await validator.RefuseAsync(form, ct))?.All ?? []);
        // An empty field binds as null: the validator has refused it, and there is nothing to look up.
        var normalized = Reseller.NormalizeSlug(form.Slug ?? string.Empty);
        if (normalized.Length > 0 && await db.Resellers.AnyAsync(r => r.Slug == normalized && r.Id != form.Id, ct))
        {
            refusals.Add(Result.Refused(nameof(ResellerForm.Slug), SlugTaken));
        }

        return refusals.Count == 0 ? null : new Refusals(refusals);
    }
}
