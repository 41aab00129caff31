using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Instances;

public sealed record LifecycleResult(int Removed, int Deleted, int Released);

/// <summary>
/// §3 "Modes over time": EXPIRED for N days → REMOVED (data deleted), REMOVED for M days → deleted
/// (name quarantined), deleted for Q days → the row goes and the name is free. Each instance is
/// saved on its own with its row version, so a second run, or a second node at the same time,
/// finds nothing left to do instead of doing it twice.
/// </summary>
public sealed class InstanceLifecycle(PortalDbContext db, IProvisioningTarget target, IOptions<InstanceOptions> options, TimeProvider clock, ILogger<InstanceLifecycle> logger)
{
    /// <summary>Resellers with an instance that is EXPIRED, REMOVED or deleted (platform scope).</summary>
    public Task<List<Guid>> ResellersWithWorkAsync(CancellationToken ct) =>
        Candidates().Select(i => i.ResellerId).Distinct().ToListAsync(ct);

    public async Task<LifecycleResult> RunAsync(CancellationToken ct)
    {
        var policy = options.Value.Policy;
        var removed = 0;
        var deleted = 0;
        var released = 0;
        foreach (var id in await Candidates().Select(i => i.Id).ToListAsync(ct))
        {
            db.ChangeTracker.Clear();
            var instance = await Candidates().SingleOrDefaultAsync(i => i.Id == id, ct);
            if (instance is null)
            {
                continue;
            }

            var now = clock.GetUtcNow();
            switch (instance.NextLifecycleStep(now, policy))
            {
                case LifecycleStep.None:
                    continue;
                case LifecycleStep.MoveToRemoved:
                    await target.DeleteDataAsync(instance.Name, ct);
                    instance.MoveToRemoved(now);
                    removed += await SaveAsync(instance, ct) ? 1 : 0;
                    break;
                case LifecycleStep.Delete:
                    instance.MarkDeleted(now);
                    deleted += await SaveAsync(instance, ct) ? 1 : 0;
                    break;
                case LifecycleStep.ReleaseName:
                    db.Instances.Remove(instance);
                    released += await SaveAsync(instance, ct) ? 1 : 0;
                    break;
            }
        }

        return new LifecycleResult(removed, deleted, released);
    }

    private IQueryable<Instance> Candidates() =>
        // Deleted instances are still in the lifecycle: their names are released after the quarantine.
        db.Instances.IgnoreQueryFilters([PortalDbContext.NotDeletedFilter])
            .Where(i => i.Mode == ClientMode.Expired || i.Mode == ClientMode.Removed || i.DeletedAt != null);

    private async Task<bool> SaveAsync(Instance instance, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Lifecycle: instance {Instance} is now {Mode}{Deleted}", instance.Name, instance.Mode, instance.IsDeleted ? " (deleted)" : string.Empty);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Lifecycle: instance {Instance} was changed by someone else meanwhile; left for the next run", instance.Name);
            return false;
        }
    }
}
