using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Users;

/// <summary>
/// What the user pages share: the current reseller's staff logins (never another reseller's, never the provider's staff
/// or clients: those are not found), its operators, and the rule that a reseller keeps an active admin.
/// </summary>
public static class ResellerStaff
{
    public static readonly IReadOnlyList<string> AssignableRoles = [Roles.ResellerAdmin, Roles.ResellerUser];

    public const string LastAdmin = "A reseller keeps at least one active ResellerAdmin: make another user admin first.";

    /// <summary>A staff login of the current reseller and its role; null for anything else (a 404).</summary>
    public static async Task<(PortalUser User, string Role)?> FindAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var reseller = db.Tenant.ResellerId;
        var user = reseller is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == id && u.ResellerId == reseller, ct);
        if (user is null)
        {
            return null;
        }

        var role = await RoleOfAsync(db, id, ct);
        return role is Roles.ResellerAdmin or Roles.ResellerUser ? (user, role) : null;
    }

    public static Task<string?> RoleOfAsync(PortalDbContext db, Guid userId, CancellationToken ct) =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name).FirstOrDefaultAsync(ct);

    /// <summary>The current reseller's operators, by name (the tenant filter keeps them the reseller's own).</summary>
    public static async Task<IReadOnlyList<(Guid Id, string Name)>> OperatorsAsync(PortalDbContext db, CancellationToken ct) =>
        (await db.Operators.OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct)).Select(o => (o.Id, o.Name)).ToList();

    /// <summary>
    /// The one rule that a reseller keeps an active admin (§1): refuses when <paramref name="userId"/> is the only admin of
    /// <paramref name="resellerId"/> who can sign in (enabled, with a password) besides those being changed. Call inside
    /// the transaction of the change: the reseller's row is locked first, so two admins demoting or disabling each other
    /// at the same moment are serialised and the second sees the first's change.
    /// </summary>
    public static async Task<Refusal?> KeepsAnAdminAsync(PortalDbContext db, Guid resellerId, Guid userId, string field, CancellationToken ct)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"""SELECT 1 FROM "Resellers" WHERE "Id" = {resellerId} FOR UPDATE""", ct);
        var others = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where u.ResellerId == resellerId && u.Id != userId && r.Name == Roles.ResellerAdmin && !u.IsDisabled && u.PasswordHash != null
                            select u.Id).AnyAsync(ct);
        return others ? null : Result.Refused(field, LastAdmin);
    }
}
