using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Records;

/// <summary>
/// The resellers by name, for the reseller column and filter of the record lists. Only the provider's
/// staff see every reseller's records, so only they get one; to a reseller's staff it is null.
/// </summary>
public sealed class ResellerNames
{
    private readonly Dictionary<Guid, string> byId;

    private ResellerNames(IReadOnlyList<(Guid Id, string Name)> all)
    {
        All = all;
        byId = all.ToDictionary(r => r.Id, r => r.Name);
    }

    /// <summary>In name order, for the filter.</summary>
    public IReadOnlyList<(Guid Id, string Name)> All { get; }

    public string Of(Guid id) => byId.GetValueOrDefault(id, string.Empty);

    public static async Task<ResellerNames?> ForPlatformAsync(PortalDbContext db, CancellationToken ct)
    {
        if (!db.Tenant.SeesAllTenants)
        {
            return null;
        }

        var all = await db.Resellers.AsNoTracking().OrderBy(r => r.Name).Select(r => new { r.Id, r.Name }).ToListAsync(ct);
        return new ResellerNames(all.Select(r => (r.Id, r.Name)).ToList());
    }
}
