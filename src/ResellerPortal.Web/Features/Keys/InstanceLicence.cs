using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Keys;

public sealed record InstanceLicenceModel(
    Guid InstanceId,
    string InstanceName,
    string LongName,
    int MaxAgents,
    LicenceInForce? InForce,
    IReadOnlyList<ActivationView> Activations,
    IReadOnlyList<KeyRow> AvailableKeys,
    bool CanActivate,
    DateOnly Today)
{
    /// <summary>The activation form as last posted (a refused one is re-shown as it was).</summary>
    public ActivateForm Form { get; init; } = new();
}

/// <summary>An instance's licences (§4): the one in force, every activation with its calls, and the keys that can license it.</summary>
public sealed class InstanceLicence(PortalDbContext db, Permissions can, TimeProvider clock)
{
    public async Task<Result<InstanceLicenceModel>> HandleAsync(Guid id, CancellationToken ct)
    {
        var instance = await db.Instances.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { i.Id, i.Name, i.LongName, i.MaxAgents })
            .SingleOrDefaultAsync(ct);
        if (instance is null)
        {
            return Result.NotFound;
        }

        var activations = await (
                from a in db.LicenceActivations.AsNoTracking()
                join k in db.PrepurchasedKeys.AsNoTracking() on a.PpkId equals k.Id
                where a.InstanceId == id
                orderby a.RequestedAt descending
                select new { Activation = a, k.Masked, k.Agents })
            .ToListAsync(ct);
        var ids = activations.Select(a => a.Activation.Id).ToList();
        var attempts = (await db.LicenceAttempts.AsNoTracking().Where(a => ids.Contains(a.ActivationId))
                .OrderByDescending(a => a.StartedAt).ThenByDescending(a => a.Id).ToListAsync(ct))
            .ToLookup(a => a.ActivationId);
        var canActivate = await can.AllowsAsync(Policies.KeyActivators);
        var available = canActivate ? await AvailableCoveringAsync(instance.MaxAgents, ct) : [];
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return new InstanceLicenceModel(
            instance.Id,
            instance.Name,
            instance.LongName,
            instance.MaxAgents,
            await LicencesInForce.ForInstanceAsync(db, id, ct),
            activations.Select(a => new ActivationView(a.Activation, a.Masked, a.Agents, attempts[a.Activation.Id].ToList(), today)).ToList(),
            available,
            canActivate,
            today);
    }

    /// <summary>The available keys (no activation) with at least <paramref name="agents"/> agents, smallest first.</summary>
    private async Task<List<KeyRow>> AvailableCoveringAsync(int agents, CancellationToken ct) =>
        (await KeyRows.Query(db).Where(r => r.Activation == null && r.Key.Agents >= agents)
            .OrderBy(r => r.Key.Agents).ThenByDescending(r => r.Key.ImportedAt)
            .Take(KeyRows.PageSize)
            .Select(KeyRows.ToRow)
            .ToListAsync(ct))
        .Select(r => KeyRows.Finish(r, null))
        .ToList();
}
