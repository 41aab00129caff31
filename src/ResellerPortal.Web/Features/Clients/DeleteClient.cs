using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Clients;

/// <summary>Deletes a client, or says why not: connected sub-accounts and DIDs must be unconnected first (§5). The ledger stays.</summary>
public sealed class DeleteClient(PortalDbContext db, TimeProvider clock)
{
    public async Task<Result<Client>> HandleAsync(Guid id, CancellationToken ct)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return Result.NotFound;
        }

        // Counted across operator scopes: what is connected matters, not what this user sees.
        var subs = db.SubAccounts.IgnoreQueryFilters([PortalDbContext.OperatorScopeFilter]).Where(s => s.ClientId == client.Id);
        var subCount = await subs.CountAsync(ct);
        var didCount = await db.Dids.IgnoreQueryFilters([PortalDbContext.OperatorScopeFilter]).CountAsync(d => subs.Any(s => s.Id == d.SubAccountId), ct);
        if (subCount > 0 || didCount > 0)
        {
            var parts = new List<string>();
            if (didCount > 0)
            {
                parts.Add($"{didCount} DID{(didCount == 1 ? "" : "s")}");
            }

            if (subCount > 0)
            {
                parts.Add($"{subCount} sub-account{(subCount == 1 ? "" : "s")}");
            }

            return Result.Refused(string.Empty, $"The client still has {string.Join(" and ", parts)} connected. Unconnect them first, then delete the client.");
        }

        client.Delete(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return client;
    }
}
