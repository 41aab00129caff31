using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Instances;

public sealed record InstanceHistoryModel(Guid Id, string Name, IReadOnlyList<AuditEntry> Entries);

/// <summary>The audit trail of one instance, once the instance itself is visible to the user.</summary>
public sealed class InstanceHistory(PortalDbContext db)
{
    public async Task<Result<InstanceHistoryModel>> HandleAsync(Guid id, CancellationToken ct)
    {
        var name = await db.Instances.Where(i => i.Id == id).Select(i => i.Name).SingleOrDefaultAsync(ct);
        if (name is null)
        {
            return Result.NotFound;
        }

        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Instance) && a.EntityId == id)
            .OrderByDescending(a => a.At)
            .Take(200)
            .ToListAsync(ct);
        return new InstanceHistoryModel(id, name, entries);
    }
}
