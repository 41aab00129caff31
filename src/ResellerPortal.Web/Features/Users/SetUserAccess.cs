using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Users;

/// <summary>A staff login's role and, for a ResellerUser, the operators it sees.</summary>
public sealed class AccessForm
{
    [BindNever]
    public Guid Id { get; set; }

    [BindNever]
    public string Email { get; set; } = string.Empty;

    [BindNever]
    public string DisplayName { get; set; } = string.Empty;

    public string Role { get; set; } = Roles.ResellerUser;

    public List<Guid> OperatorIds { get; set; } = [];

    [BindNever]
    public IReadOnlyList<(Guid Id, string Name)> AvailableOperators { get; set; } = [];
}

public sealed class AccessFormValidator : AbstractValidator<AccessForm>
{
    public AccessFormValidator()
    {
        RuleFor(x => x.Role).Must(r => ResellerStaff.AssignableRoles.Contains(r)).WithMessage("Choose ResellerAdmin or ResellerUser.");
        RuleFor(x => x.OperatorIds).NotEmpty().When(x => x.Role == Roles.ResellerUser)
            .WithMessage("A ResellerUser must be assigned at least one operator.");
    }
}

/// <summary>
/// A ResellerAdmin sets a staff login's role and operators (§1). Demoting the last active admin is refused; the login's
/// open sessions pick the change up at once (its security stamp changes).
/// </summary>
public sealed class SetUserAccess(PortalDbContext db, UserManager<PortalUser> users, IValidator<AccessForm> validator)
{
    public async Task<Result<AccessForm>> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await ResellerStaff.FindAsync(db, id, ct) is not var (user, role))
        {
            return Result.NotFound;
        }

        var form = new AccessForm
        {
            Role = role,
            OperatorIds = await db.OperatorAssignments.Where(a => a.UserId == id).Select(a => a.OperatorId).ToListAsync(ct),
        };
        return await DescribeAsync(user, form, ct);
    }

    /// <summary>The read-only parts of a form re-shown before the handler ran, or not found.</summary>
    public async Task<Result<AccessForm>> DescribeAsync(Guid id, AccessForm form, CancellationToken ct) =>
        await ResellerStaff.FindAsync(db, id, ct) is var (user, _) ? await DescribeAsync(user, form, ct) : Result.NotFound;

    public async Task<Result<PortalUser>> HandleAsync(Guid id, AccessForm form, CancellationToken ct)
    {
        if (await ResellerStaff.FindAsync(db, id, ct) is not var (user, currentRole))
        {
            return Result.NotFound;
        }

        await DescribeAsync(user, form, ct);
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var offered = form.AvailableOperators.Select(o => o.Id).ToHashSet();
        if (!form.OperatorIds.All(offered.Contains))
        {
            return Result.Refused(nameof(AccessForm.OperatorIds), "Choose operators of your reseller only.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (currentRole == Roles.ResellerAdmin && form.Role != Roles.ResellerAdmin
            && await ResellerStaff.KeepsAnAdminAsync(db, user.ResellerId!.Value, user.Id, nameof(AccessForm.Role), ct) is { } lastAdmin)
        {
            return lastAdmin;
        }

        if (currentRole != form.Role)
        {
            var result = await users.RemoveFromRoleAsync(user, currentRole);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, form.Role);
            }

            if (!result.Succeeded)
            {
                return Result.Refused(string.Empty, string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }

        db.OperatorAssignments.RemoveRange(await db.OperatorAssignments.Where(a => a.UserId == user.Id).ToListAsync(ct));
        if (form.Role == Roles.ResellerUser)
        {
            db.OperatorAssignments.AddRange(form.OperatorIds.Distinct().Select(o => new OperatorAssignment(user.ResellerId!.Value, user.Id, o)));
        }

        await db.SaveChangesAsync(ct);
        // Role or operators changed: open sessions sign in again with the new rights.
        await users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync(ct);
        return user;
    }

    private async Task<AccessForm> DescribeAsync(PortalUser user, AccessForm form, CancellationToken ct)
    {
        form.Id = user.Id;
        form.Email = user.Email ?? string.Empty;
        form.DisplayName = user.DisplayName;
        form.AvailableOperators = await ResellerStaff.OperatorsAsync(db, ct);
        return form;
    }
}
