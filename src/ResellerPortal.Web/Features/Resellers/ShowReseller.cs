using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Resellers;

public sealed record StaffRow(Guid Id, string Email, string DisplayName, string Role, bool IsDisabled);

public sealed record ResellerDetails(Reseller Reseller, IReadOnlyList<Operator> Operators, IReadOnlyList<StaffRow> Staff);

/// <summary>One reseller for the provider: its operators and its staff logins (not its clients' logins).</summary>
public sealed class ShowReseller(PortalDbContext db)
{
    public async Task<Result<ResellerDetails>> HandleAsync(Guid id, CancellationToken ct)
    {
        var reseller = await db.Resellers.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (reseller is null)
        {
            return Result.NotFound;
        }

        var operators = await db.Operators.AsNoTracking().Where(o => o.ResellerId == id).OrderBy(o => o.Name).ToListAsync(ct);
        var staff = await (
                from u in db.Users
                where u.ResellerId == id
                join ur in db.UserRoles on u.Id equals ur.UserId
                join role in db.Roles on ur.RoleId equals role.Id
                where role.Name != Roles.Client
                orderby u.Email
                select new StaffRow(u.Id, u.Email!, u.DisplayName, role.Name!, u.IsDisabled))
            .ToListAsync(ct);
        return new ResellerDetails(reseller, operators, staff);
    }
}
