using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Email;

/// <summary>Who hears of a reseller's operational warnings (certificates, licences): its enabled admins.</summary>
public static class ResellerAdmins
{
    public static Task<List<string>> EmailsAsync(PortalDbContext db, Guid resellerId, CancellationToken ct) =>
        (from u in db.Users
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where u.ResellerId == resellerId && r.Name == Roles.ResellerAdmin && !u.IsDisabled && u.Email != null
         select u.Email!)
        .ToListAsync(ct);
}
