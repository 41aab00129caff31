using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.SubAccounts;

/// <summary>What the sub-account was unconnected from.</summary>
public sealed record UnconnectedSubAccount(string Name, Guid ClientId);

/// <summary>Unconnects a sub-account from its client (§5): refused while DIDs are connected to it; it stays with the reseller.</summary>
public sealed class UnconnectSubAccount(PortalDbContext db)
{
    public async Task<Result<UnconnectedSubAccount>> HandleAsync(Guid id, CancellationToken ct)
    {
        var sub = await db.SubAccounts.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (sub is null)
        {
            return Result.NotFound;
        }

        if (sub.ClientId is not { } clientId)
        {
            return Result.Refused(string.Empty, "The sub-account is not connected.");
        }

        // Counted across operator scopes: what is connected matters, not what this user sees.
        var didCount = await db.Dids.IgnoreQueryFilters([PortalDbContext.OperatorScopeFilter]).CountAsync(d => d.SubAccountId == id, ct);
        if (didCount > 0)
        {
            return Result.Refused(string.Empty, $"{didCount} DID{(didCount == 1 ? " is" : "s are")} connected to {sub.Name}. Unconnect them first.");
        }

        sub.Unconnect();
        await db.SaveChangesAsync(ct);
        return new UnconnectedSubAccount(sub.Name, clientId);
    }
}
