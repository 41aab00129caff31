using FluentValidation;
using Microsoft.AspNetCore.Identity;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Resellers;

/// <summary>The PlatformAdmin creates a staff login (ResellerAdmin or ResellerUser) for a reseller.</summary>
public sealed class CreateUser(PortalDbContext db, UserManager<PortalUser> users, ILookupNormalizer normalizer, IValidator<UserForm> validator, TimeProvider clock)
{
    /// <summary>The empty form for the reseller, or not found.</summary>
    public Task<Result<UserForm>> LoadAsync(Guid resellerId, CancellationToken ct) => DescribeAsync(resellerId, new UserForm(), ct);

    /// <summary>The read-only parts of the form (also of a form re-shown before the handler ran), or not found.</summary>
    public async Task<Result<UserForm>> DescribeAsync(Guid resellerId, UserForm form, CancellationToken ct)
    {
        form.Id = null;
        form.ResellerId = resellerId;
        return await UserRules.DescribeAsync(db, form, ct) ? form : Result.NotFound;
    }

    public async Task<Result<PortalUser>> HandleAsync(Guid resellerId, UserForm form, CancellationToken ct)
    {
        form.Id = null;
        form.ResellerId = resellerId;
        if (!await UserRules.DescribeAsync(db, form, ct))
        {
            return Result.NotFound;
        }

        if (await UserRules.ValidateAsync(validator, db, normalizer, form, ct) is { } refused)
        {
            return refused;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new PortalUser
        {
            UserName = form.Email.Trim(),
            Email = form.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = form.DisplayName.Trim(),
            ResellerId = resellerId,
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
            return UserRules.Refusals(result);
        }

        await UserRules.ReplaceAssignmentsAsync(db, user, form, ct);
        await transaction.CommitAsync(ct);
        return user;
    }
}
