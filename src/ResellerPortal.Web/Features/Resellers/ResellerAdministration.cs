using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Resellers;

/// <summary>The PlatformAdmin's use cases on resellers, their operators and their staff logins.</summary>
public sealed class ResellerAdministration(PortalDbContext db, UserManager<PortalUser> users, TimeProvider clock)
{
    public async Task<Reseller> CreateResellerAsync(ResellerForm form, CancellationToken ct)
    {
        var reseller = new Reseller(form.Name, form.Slug, clock.GetUtcNow());
        db.Resellers.Add(reseller);
        await db.SaveChangesAsync(ct);
        return reseller;
    }

    public async Task<bool> UpdateResellerAsync(Guid id, ResellerForm form, CancellationToken ct)
    {
        var reseller = await db.Resellers.FindAsync([id], ct);
        if (reseller is null)
        {
            return false;
        }

        reseller.Rename(form.Name);
        reseller.ChangeSlug(form.Slug);
        if (form.IsActive)
        {
            reseller.Activate();
        }
        else
        {
            reseller.Deactivate();
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Operator> CreateOperatorAsync(OperatorForm form, CancellationToken ct)
    {
        var op = new Operator(form.ResellerId, form.Name, form.Domain, clock.GetUtcNow());
        op.SetCertificateExpiry(form.CertificateExpiresOn);
        db.Operators.Add(op);
        await db.SaveChangesAsync(ct);
        return op;
    }

    public async Task<bool> UpdateOperatorAsync(Guid id, OperatorForm form, CancellationToken ct)
    {
        var op = await db.Operators.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (op is null)
        {
            return false;
        }

        op.Rename(form.Name);
        op.MoveToDomain(form.Domain);
        op.SetCertificateExpiry(form.CertificateExpiresOn);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<IdentityResult> CreateUserAsync(UserForm form, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new PortalUser
        {
            UserName = form.Email.Trim(),
            Email = form.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = form.DisplayName.Trim(),
            ResellerId = form.ResellerId,
            IsDisabled = form.IsDisabled,
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, form.Password!);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, form.Role);
        }

        if (!result.Succeeded)
        {
            return result;
        }

        await ReplaceAssignmentsAsync(user, form, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    public async Task<IdentityResult?> UpdateUserAsync(Guid id, UserForm form, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id && u.ResellerId == form.ResellerId, ct);
        if (user is null)
        {
            return null;
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

        var currentRoles = await users.GetRolesAsync(user);
        if (result.Succeeded && !currentRoles.SequenceEqual([form.Role]))
        {
            result = await users.RemoveFromRolesAsync(user, currentRoles);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, form.Role);
            }
        }

        if (!result.Succeeded)
        {
            return result;
        }

        await ReplaceAssignmentsAsync(user, form, ct);
        // Role, operators or the disabled flag changed: live sessions pick it up at the next stamp check.
        await users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync(ct);
        return result;
    }

    private async Task ReplaceAssignmentsAsync(PortalUser user, UserForm form, CancellationToken ct)
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
