using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Keys;

/// <summary>
/// The licence in force on an instance: QueueMetrics licences replace each other, so it is the one
/// installed last (issue 15). Installing a licence marks the earlier ones replaced; should two
/// installations ever finish at the same moment, the later one is still the one shown.
/// </summary>
public sealed record LicenceInForce(Guid ActivationId, string PpkMasked, int Agents, DateOnly? ExpiresOn, DateTimeOffset? InstalledAt);

public static class LicencesInForce
{
    public static async Task<Dictionary<Guid, LicenceInForce>> ForInstancesAsync(PortalDbContext db, IReadOnlyCollection<Guid> instanceIds, CancellationToken ct)
    {
        var installed = await (
                from a in db.LicenceActivations.AsNoTracking()
                join k in db.PrepurchasedKeys.AsNoTracking() on a.PpkId equals k.Id
                where a.InstanceId != null && instanceIds.Contains(a.InstanceId.Value) && a.Status == ActivationStatus.Installed
                select new { InstanceId = a.InstanceId!.Value, Licence = new LicenceInForce(a.Id, k.Masked, k.Agents, a.ExpiresOn, a.InstalledAt) })
            .ToListAsync(ct);
        return installed.GroupBy(a => a.InstanceId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Licence.InstalledAt)!.Licence);
    }

    public static async Task<LicenceInForce?> ForInstanceAsync(PortalDbContext db, Guid instanceId, CancellationToken ct) =>
        (await ForInstancesAsync(db, [instanceId], ct)).GetValueOrDefault(instanceId);
}
