using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Resellers;

public sealed record ResellerRow(Guid Id, string Name, string Slug, bool IsActive, int Operators, int Users);

/// <summary>The provider's list of resellers with their operator and login counts.</summary>
public sealed class ListResellers(PortalDbContext db)
{
    public Task<List<ResellerRow>> HandleAsync(CancellationToken ct) =>
        db.Resellers.OrderBy(r => r.Name)
            .Select(r => new ResellerRow(
                r.Id,
                r.Name,
                r.Slug,
                r.IsActive,
                db.Operators.Count(o => o.ResellerId == r.Id),
                db.Users.Count(u => u.ResellerId == r.Id)))
            .ToListAsync(ct);
}
