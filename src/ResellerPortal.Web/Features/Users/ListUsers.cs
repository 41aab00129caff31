using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Users;

/// <summary>One staff login on the list: who, role, operators (a ResellerUser's), and whether it can sign in.</summary>
public sealed record UserRow(Guid Id, string Email, string DisplayName, string Role, IReadOnlyList<string> Operators, bool IsDisabled, bool IsInvited, bool IsSelf)
{
    /// <summary>"EU, US" for a ResellerUser; an admin sees every operator.</summary>
    public string OperatorsText => Role == Roles.ResellerUser ? string.Join(", ", Operators) : "all";
}

/// <summary>The current reseller's staff logins (§1), admins first, then by name.</summary>
public sealed class ListUsers(PortalDbContext db, IHttpContextAccessor http)
{
    public async Task<IReadOnlyList<UserRow>> HandleAsync(CancellationToken ct)
    {
        var reseller = db.Tenant.ResellerId;
        var self = Auth.ClaimsPrincipalExtensions.GetUserId(http.HttpContext!.User);
        var users = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           where reseller != null && u.ResellerId == reseller && (r.Name == Roles.ResellerAdmin || r.Name == Roles.ResellerUser)
                           select new { u.Id, u.Email, u.DisplayName, Role = r.Name!, u.IsDisabled, Invited = u.PasswordHash == null })
            .ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var assignments = (await db.OperatorAssignments.Where(a => ids.Contains(a.UserId))
                .Join(db.Operators, a => a.OperatorId, o => o.Id, (a, o) => new { a.UserId, o.Name }).ToListAsync(ct))
            .ToLookup(a => a.UserId, a => a.Name);
        return users
            .OrderBy(u => u.Role == Roles.ResellerAdmin ? 0 : 1).ThenBy(u => u.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(u => new UserRow(u.Id, u.Email ?? string.Empty, u.DisplayName, u.Role, assignments[u.Id].Order().ToList(), u.IsDisabled, u.Invited, u.Id == self))
            .ToList();
    }
}
