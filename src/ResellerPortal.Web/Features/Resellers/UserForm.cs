using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Resellers;

/// <summary>A reseller's staff login: ResellerAdmin or ResellerUser, with the operators a ResellerUser may see.</summary>
public sealed class UserForm
{
    public static readonly IReadOnlyList<string> AssignableRoles = [Roles.ResellerAdmin, Roles.ResellerUser];

    /// <summary>The login being edited (from the route, never from the body); null when creating.</summary>
    [BindNever]
    public Guid? Id { get; set; }

    /// <summary>The login's reseller: from the route when creating, from the stored login when editing.</summary>
    [BindNever]
    public Guid ResellerId { get; set; }

    /// <summary>Shown read-only; null until the handler or the page has filled it.</summary>
    [BindNever]
    public string? ResellerName { get; set; }

    public string Email { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public string Role { get; set; } = Roles.ResellerUser;

    /// <summary>Required when creating; when editing, a value sets a new password.</summary>
    public string? Password { get; set; }

    public bool IsDisabled { get; set; }

    public List<Guid> OperatorIds { get; set; } = [];

    [BindNever]
    public IReadOnlyList<(Guid Id, string Name)> AvailableOperators { get; set; } = [];
}

/// <summary>The form's simple rules; a taken e-mail and foreign operators are the handler's (<see cref="UserRules"/>).</summary>
public sealed class UserFormValidator : AbstractValidator<UserForm>
{
    public UserFormValidator()
    {
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the login email.")
            .MaximumLength(256)
            .EmailAddress().WithMessage("Enter a valid email address.");
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage("Enter the person's name.").MaximumLength(PortalUser.DisplayNameMaxLength);
        RuleFor(x => x.Role).Must(r => UserForm.AssignableRoles.Contains(r)).WithMessage("Choose ResellerAdmin or ResellerUser.");
        RuleFor(x => x.Password).NotEmpty().When(x => x.Id is null).WithMessage("Set an initial password.");
        RuleFor(x => x.Password!).MinimumLength(8).WithMessage("Passwords are at least 8 characters.")
            .MaximumLength(128).WithMessage("Passwords are at most 128 characters.")
            .When(x => !string.IsNullOrEmpty(x.Password));
        RuleFor(x => x.OperatorIds).NotEmpty().When(x => x.Role == Roles.ResellerUser)
            .WithMessage("A ResellerUser must be assigned at least one operator.");
    }
}

/// <summary>What the login forms share: the reseller's operators to choose from, the database rules, Identity's refusals.</summary>
public static class UserRules
{
    public const string EmailTaken = "This email already has a login.";

    /// <summary>The read-only parts of the form; false when the reseller does not exist.</summary>
    public static async Task<bool> DescribeAsync(PortalDbContext db, UserForm form, CancellationToken ct)
    {
        form.ResellerName = await db.Resellers.Where(r => r.Id == form.ResellerId).Select(r => r.Name).SingleOrDefaultAsync(ct);
        form.AvailableOperators = (await db.Operators.Where(o => o.ResellerId == form.ResellerId).OrderBy(o => o.Name)
                .Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .Select(o => (o.Id, o.Name)).ToList();
        return form.ResellerName is not null;
    }

    /// <summary>
    /// The form's simple rules, then the database's (together, so the form comes back with every problem at once):
    /// the e-mail is no other login's; the operators chosen are the reseller's own (those of the form's page).
    /// </summary>
    public static async Task<Refusals?> ValidateAsync(IValidator<UserForm> validator, PortalDbContext db, ILookupNormalizer normalizer, UserForm form, CancellationToken ct)
    {
        var refusals = new List<Refusal>((await validator.RefuseAsync(form, ct))?.All ?? []);
        // An empty field binds as null: the validator has refused it, and there is nothing to look up.
        var email = normalizer.NormalizeEmail(form.Email?.Trim() ?? string.Empty);
        if (email.Length > 0 && await db.Users.AnyAsync(u => u.NormalizedEmail == email && u.Id != form.Id, ct))
        {
            refusals.Add(Result.Refused(nameof(UserForm.Email), EmailTaken));
        }

        var offered = form.AvailableOperators.Select(o => o.Id).ToHashSet();
        if (form.OperatorIds is { } chosen && !chosen.All(offered.Contains))
        {
            refusals.Add(Result.Refused(nameof(UserForm.OperatorIds), "Choose operators of this reseller only."));
        }

        return refusals.Count == 0 ? null : new Refusals(refusals);
    }

    /// <summary>Identity's refusals (password rules, a duplicate e-mail) beside the field they concern.</summary>
    public static Refusals Refusals(IdentityResult result) =>
        new([.. result.Errors.Select(error => Result.Refused(
            error.Code.Contains("Password", StringComparison.Ordinal) ? nameof(UserForm.Password)
            : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? nameof(UserForm.Email)
            : string.Empty,
            error.Description))]);

    /// <summary>A ResellerUser sees the operators of the form; a ResellerAdmin sees all and keeps no assignments.</summary>
    public static async Task ReplaceAssignmentsAsync(PortalDbContext db, PortalUser user, UserForm form, CancellationToken ct)
    {
        var existing = await db.OperatorAssignments.Where(a => a.UserId == user.Id).ToListAsync(ct);
        db.OperatorAssignments.RemoveRange(existing);
        if (form.Role == Roles.ResellerUser)
        {
            db.OperatorAssignments.AddRange(form.OperatorIds.Distinct().Select(o => new OperatorAssignment(form.ResellerId, user.Id, o)));
        }

        await db.SaveChangesAsync(ct);
    }
}
