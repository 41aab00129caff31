using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Records;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Dids;

/// <summary>
/// A DID's page. <see cref="Currency"/> is its client's, in which its fees are charged; <see cref="Replacement"/>
/// is what the swap form shows (what the user typed, when it is re-shown).
/// </summary>
public sealed record DidDetailsModel(Did Did, string? SubAccountName, Guid? ClientId, string? ClientName, string? Currency, RecordPanelModel Record)
{
    public string? Replacement { get; init; }
}

public sealed class DidDetails(PortalDbContext db, RecordPanels panels)
{
    public async Task<Result<DidDetailsModel>> HandleAsync(Guid id, RecordNote note, CancellationToken ct)
    {
        var did = await db.Dids.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (did is null)
        {
            return Result.NotFound;
        }

        var owner = did.SubAccountId is null ? null : await (
                from s in db.SubAccounts
                where s.Id == did.SubAccountId
                join c in db.Clients on s.ClientId equals c.Id into clients
                from c in clients.DefaultIfEmpty()
                select new { s.Name, ClientId = c == null ? (Guid?)null : c.Id, ClientName = c == null ? null : c.FirstName + " " + c.LastName, Currency = c == null ? null : c.Currency })
            .SingleOrDefaultAsync(ct);
        var record = await panels.LoadAsync(RecordTypes.Did, id, note.Text, note.Error, ct);
        return new DidDetailsModel(did, owner?.Name, owner?.ClientId, owner?.ClientName, owner?.Currency, record);
    }
}
