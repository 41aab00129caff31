using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Resellers;

/// <summary>
/// The PlatformAdmin changes a reseller's staff login: e-mail, name, role, operators, a new password, disabled.
/// Only staff logins of a reseller: the provider's own logins and client logins are not found here.
/// </summary>
public sealed class EditUser(PortalDbContext db, UserManager<PortalUser> users, ILookupNormalizer normalizer, IValidator<UserForm> validator)
{
    /// <summary>The form as the edit page opens it.</summary>
    public async Task<Result<UserForm>> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await StaffAsync(id, ct) is not var (user, role))
        {
            return Result.NotFound;
        }

        var form = new UserForm
        {
            Id = user.Id,
            ResellerId = user.ResellerId!.Value,
            Email = user.Email ?? string.Empty,
            DisplayName = user.DisplayName,
            Role = role,
            IsDisabled = user.IsDisabled,
            OperatorIds = await db.OperatorAssignments.Where(a => a.UserId == id).Select(a => a.OperatorId).ToListAsync(ct),
        };
        await UserRules.DescribeAsync(db, form, ct);
        return form;
    }

    /// <summary>The read-only parts of a form re-shown before the handler ran (a malformed value).</summary>
    public async Task<Result<UserForm>> DescribeAsync(Guid id, UserForm form, CancellationToken ct)
    {
        if (await StaffAsync(id, ct) is not var (user, _))
        {
            return Result.NotFound;
        }

        form.Id = id;
        form.ResellerId = user.ResellerId!.Value;
        await UserRules.DescribeAsync(db, form, ct);
        return form;
    }

    public async Task<Result<PortalUser>> HandleAsync(Guid id, UserForm form, CancellationToken ct)
    {
        if (await StaffAsync(id, ct) is not var (user, currentRole))
        {
            return Result.NotFound;
        }

        form.Id = id;
        form.ResellerId = user.ResellerId!.Value;
        await UserRules.DescribeAsync(db, form, ct);
        if (await UserRules.ValidateAsync(validator, db, normalizer, form, ct) is { } refused)
        {
            return refused;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.Email = form.Email.Trim();
        user.UserName = form.Email.Trim();
        user.DisplayName = form.DisplayName.Trim();
        user.IsDisabled = form.IsDisabled;
        var result = await users.UpdateAsync(user);
        if (result.Succeeded && !string.IsNullOrEmpty(form.Password))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            result = await users.ResetPasswordAsync(user, token, form.Password);
        }

        if (result.Succeeded && currentRole != form.Role)
        {
            result = await users.RemoveFromRoleAsync(user, currentRole);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, form.Role);
            }
        }

        if (!result.Succeeded)
        {
            return UserRules.Refusals(result);
        }

        await UserRules.ReplaceAssignmentsAsync(db, user, form, ct);
        // Role, operators or the disabled flag changed: live sessions pick it up at the next stamp check.
        await users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync(ct);
        return user;
    }

    /// <summary>A reseller's staff login and its role, loaded once; null for the provider's logins and for clients.</summary>
    private async Task<(PortalUser User, string Role)?> StaffAsync(Guid id, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id && u.ResellerId != null, ct);
        if (user is null)
        {
            return null;
        }

        var role = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name).FirstOrDefaultAsync(ct);
        return role is Roles.ResellerAdmin or Roles.ResellerUser ? (user, role) : null;
    }
}
