using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.SubAccounts;

/// <summary>Connects one of the reseller's free sub-accounts to a client (the domain refuses one that is connected).</summary>
public sealed class ConnectSubAccount(PortalDbContext db, TimeProvider clock)
{
    public async Task<Result<SubAccount>> HandleAsync(Guid clientId, Guid subAccountId, CancellationToken ct)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, ct);
        var sub = await db.SubAccounts.SingleOrDefaultAsync(s => s.Id == subAccountId, ct);
        if (client is null || sub is null)
        {
            return Result.NotFound;
        }

        sub.ConnectTo(client.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return sub;
    }
}
