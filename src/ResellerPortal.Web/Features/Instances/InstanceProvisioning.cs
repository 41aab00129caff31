using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Instances;

/// <summary>
/// Drives new instances to "ready" and applies pending restarts through the provisioning target.
/// Runs in one reseller's scope at a time (the job loops over resellers).
/// </summary>
public sealed class InstanceProvisioning(PortalDbContext db, IProvisioningTarget target, InstanceSecrets secrets, TimeProvider clock, ILogger<InstanceProvisioning> logger)
{
    /// <summary>Resellers with an instance being provisioned or waiting for a restart (platform scope).</summary>
    public Task<List<Guid>> ResellersWithWorkAsync(CancellationToken ct) =>
        db.Instances.Where(i => i.ProvisionedAt == null || i.RestartRequestedAt != null)
            .Select(i => i.ResellerId).Distinct().ToListAsync(ct);

    /// <summary>Returns how many instances became ready and how many restarts were applied.</summary>
    public async Task<(int Provisioned, int Restarted)> RunAsync(CancellationToken ct)
    {
        var provisioned = 0;
        var restarted = 0;
        var pending = await db.Instances.Where(i => i.ProvisionedAt == null || i.RestartRequestedAt != null).ToListAsync(ct);
        foreach (var instance in pending)
        {
            if (instance.IsProvisioning)
            {
                var password = instance.PendingAdminPasswordProtected is { } p ? secrets.Unprotect(p) : string.Empty;
                if (await target.ProvisionAsync(instance.Name, password, instance.CreatedAt, ct))
                {
                    instance.MarkProvisioned(clock.GetUtcNow());
                    // A new instance starts with its settings: nothing to restart.
                    instance.MarkRestarted();
                    provisioned += await SaveAsync(instance.Name, ct) ? 1 : 0;
                }
            }
            else if (instance.RestartRequestedAt is { } requestedAt && await target.RestartAsync(instance.Name, requestedAt, ct))
            {
                instance.MarkRestarted();
                restarted += await SaveAsync(instance.Name, ct) ? 1 : 0;
            }
        }

        return (provisioned, restarted);
    }

    private async Task<bool> SaveAsync(string name, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Edited meanwhile (and so restarting again): the next run takes the new version.
            logger.LogInformation("Instance {Instance} changed during provisioning; retried on the next run", name);
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
