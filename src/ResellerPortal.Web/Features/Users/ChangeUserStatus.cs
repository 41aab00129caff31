using Microsoft.AspNetCore.Identity;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Users;

/// <summary>
/// A ResellerAdmin disables or re-enables a staff login of its reseller (§1). Disabling changes the security stamp, so
/// the login's open sessions end at their next request; the last active admin cannot be disabled.
/// </summary>
public sealed class ChangeUserStatus(PortalDbContext db, UserManager<PortalUser> users, Invitations invitations)
{
    public async Task<Result<PortalUser>> DisableAsync(Guid id, CancellationToken ct)
    {
        if (await ResellerStaff.FindAsync(db, id, ct) is not var (user, role))
        {
            return Result.NotFound;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (role == Roles.ResellerAdmin && await ResellerStaff.KeepsAnAdminAsync(db, user.ResellerId!.Value, user.Id, string.Empty, ct) is { } lastAdmin)
        {
            return lastAdmin;
        }

        user.IsDisabled = true;
        await users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync(ct);
        return user;
    }

    public async Task<Result<PortalUser>> EnableAsync(Guid id, CancellationToken ct)
    {
        if (await ResellerStaff.FindAsync(db, id, ct) is not var (user, _))
        {
            return Result.NotFound;
        }

        user.IsDisabled = false;
        await users.UpdateAsync(user);
        return user;
    }

    /// <summary>Sends a new invitation to a login that has not set its password yet; the earlier link stops working.</summary>
    public async Task<Result<PortalUser>> ReinviteAsync(Guid id, CancellationToken ct)
    {
        if (await ResellerStaff.FindAsync(db, id, ct) is not var (user, _))
        {
            return Result.NotFound;
        }

        if (user.PasswordHash is not null)
        {
            return Result.Refused(string.Empty, "This user has set a password already.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await invitations.SendAsync(user, ct);
        await transaction.CommitAsync(ct);
        return user;
    }
}
