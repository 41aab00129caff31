using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Records;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Keys;

/// <summary>
/// One key; <see cref="CanAct"/>: the user may activate and retry it (<see cref="Policies.KeyActivators"/>), and so
/// see it in full. <see cref="Form"/> is the activation form as last posted (a refused one is re-shown as it was).
/// </summary>
public sealed record KeyDetailsModel(KeyRow Key, bool CanAct, string? FullText, ActivationView? Activation, IReadOnlyList<InstanceChoice> Instances, DateOnly Today)
{
    public ActivateForm Form { get; init; } = new();
}

public sealed record ActivationView(LicenceActivation Activation, string PpkMasked, int Agents, IReadOnlyList<LicenceAttempt> Attempts, DateOnly Today);

/// <summary>An instance the key can license, with the licence in force there (activating a smaller or shorter key is a downgrade).</summary>
public sealed record InstanceChoice(Guid Id, string Name, string LongName, int MaxAgents, LicenceInForce? Licence);

/// <summary>The key's page and the status fragment it polls: the key, its activation and its calls, and where it can be activated.</summary>
public sealed class KeyDetails(PortalDbContext db, LicenceSecrets secrets, Permissions can, TimeProvider clock)
{
    /// <summary>The key and its history; the full key only when <paramref name="withFullKey"/> and the user may act (the polled status needs neither).</summary>
    public async Task<Result<KeyDetailsModel>> HandleAsync(Guid id, bool withFullKey, CancellationToken ct)
    {
        var row = await KeyRows.Query(db).Where(r => r.Key.Id == id).Select(KeyRows.ToRow).SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return Result.NotFound;
        }

        var canAct = await can.AllowsAsync(Policies.KeyActivators);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var activation = await db.LicenceActivations.AsNoTracking().SingleOrDefaultAsync(a => a.PpkId == id, ct);
        var attempts = activation is null ? []
            : await db.LicenceAttempts.AsNoTracking().Where(a => a.ActivationId == activation.Id).OrderByDescending(a => a.StartedAt).ThenByDescending(a => a.Id).ToListAsync(ct);
        var fullText = canAct && withFullKey
            ? secrets.UnprotectPpk(await db.PrepurchasedKeys.Where(k => k.Id == id).Select(k => k.TextProtected).SingleAsync(ct))
            : null;
        var instances = canAct && withFullKey && activation is null ? await InstancesCoveredByAsync(row.Agents, ct) : [];
        var view = activation is null ? null : new ActivationView(activation, row.Masked, row.Agents, attempts, today);
        return new KeyDetailsModel(KeyRows.Finish(row, await ResellerNames.ForPlatformAsync(db, ct)), canAct, fullText, view, instances, today);
    }

    /// <summary>The live, provisioned instances the user may see that a key of <paramref name="agents"/> agents can license.</summary>
    private async Task<List<InstanceChoice>> InstancesCoveredByAsync(int agents, CancellationToken ct)
    {
        var instances = await db.Instances.AsNoTracking()
            .Where(i => i.ProvisionedAt != null && i.MaxAgents <= agents && i.Mode != ClientMode.Removed)
            .OrderBy(i => i.Name)
            .Select(i => new { i.Id, i.Name, i.LongName, i.MaxAgents })
            .Take(KeyRows.PageSize)
            .ToListAsync(ct);
        var licences = await LicencesInForce.ForInstancesAsync(db, instances.Select(i => i.Id).ToList(), ct);
        return instances.Select(i => new InstanceChoice(i.Id, i.Name, i.LongName, i.MaxAgents, licences.GetValueOrDefault(i.Id))).ToList();
    }
}
