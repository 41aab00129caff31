using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Dids;
using ResellerPortal.Web.Features.Records;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.SubAccounts;

/// <summary>
/// A sub-account's page with its three forms: the package picker (packages in the client's currency), the move
/// (<see cref="ClientEmail"/>) and the DID connection (<see cref="ConnectDid"/>, fields prefixed ConnectDid).
/// </summary>
public sealed record SubAccountDetailsModel(
    SubAccount SubAccount,
    Client? Client,
    Package? Package,
    IReadOnlyList<Did> Dids,
    IReadOnlyList<(Guid Id, string Name)> Packages,
    ConnectDidForm ConnectDid,
    RecordPanelModel Record)
{
    public string? ClientEmail { get; init; }
}

public sealed class SubAccountDetails(PortalDbContext db, ConnectDid connectDid, RecordPanels panels)
{
    /// <summary>The page; <paramref name="connect"/> is a refused DID connection to show again (null: the reseller's default terms).</summary>
    public async Task<Result<SubAccountDetailsModel>> HandleAsync(Guid id, RecordNote note, ConnectDidForm? connect, CancellationToken ct)
    {
        var sub = await db.SubAccounts.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (sub is null)
        {
            return Result.NotFound;
        }

        var client = sub.ClientId is { } cid ? await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cid, ct) : null;
        var package = sub.PackageId is { } pid ? await db.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pid, ct) : null;
        var connected = await db.Dids.AsNoTracking().Where(d => d.SubAccountId == id).OrderBy(d => d.Number).ToListAsync(ct);
        var packages = client is null ? [] : await AssignPackage.ChoicesAsync(db, client, ct);
        connect ??= await connectDid.BlankAsync(sub.ResellerId, ct);
        var record = await panels.LoadAsync(RecordTypes.SubAccount, id, note.Text, note.Error, ct);
        return new SubAccountDetailsModel(sub, client, package, connected, packages, connect, record);
    }
}
