using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Resellers;

/// <summary>A reseller's staff login: ResellerAdmin or ResellerUser, with the operators a ResellerUser may see.</summary>
public sealed class UserForm
{
    public static readonly IReadOnlyList<string> AssignableRoles = [Roles.ResellerAdmin, Roles.ResellerUser];

    public Guid? Id { get; set; }

    public Guid ResellerId { get; set; }

    public string? ResellerName { get; set; }

    public string Email { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public string Role { get; set; } = Roles.ResellerUser;

    /// <summary>Required when creating; when editing, a value sets a new password.</summary>
    public string? Password { get; set; }

    public bool IsDisabled { get; set; }

    public List<Guid> OperatorIds { get; set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> AvailableOperators { get; set; } = [];
}

public sealed class UserFormValidator : AbstractValidator<UserForm>
{
    public UserFormValidator(PortalDbContext db, ILookupNormalizer normalizer)
    {
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the login email.")
            .MaximumLength(256)
            .EmailAddress().WithMessage("Enter a valid email address.")
            .MustAsync(async (form, email, ct) =>
            {
                var normalized = normalizer.NormalizeEmail(email.Trim());
                return !await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.Id != form.Id, ct);
            })
            .WithMessage("This email already has a login.");
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage("Enter the person's name.").MaximumLength(PortalUser.DisplayNameMaxLength);
        RuleFor(x => x.Role).Must(r => UserForm.AssignableRoles.Contains(r)).WithMessage("Choose ResellerAdmin or ResellerUser.");
        RuleFor(x => x.Password).NotEmpty().When(x => x.Id is null).WithMessage("Set an initial password.");
        RuleFor(x => x.Password!).MinimumLength(8).WithMessage("Passwords are at least 8 characters.")
            .MaximumLength(128).WithMessage("Passwords are at most 128 characters.")
            .When(x => !string.IsNullOrEmpty(x.Password));
        RuleFor(x => x.OperatorIds).NotEmpty().When(x => x.Role == Roles.ResellerUser)
            .WithMessage("A ResellerUser must be assigned at least one operator.");
        RuleFor(x => x.OperatorIds).MustAsync(async (form, ids, ct) =>
            {
                var distinct = ids.Distinct().ToList();
                var owned = await db.Operators.IgnoreQueryFilters().CountAsync(o => o.ResellerId == form.ResellerId && distinct.Contains(o.Id), ct);
                return owned == distinct.Count;
            })
            .WithMessage("Choose operators of this reseller only.");
    }
}
