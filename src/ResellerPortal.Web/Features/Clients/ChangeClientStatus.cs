using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Clients;

/// <summary>
/// Activates, suspends or blocks a client. Which moves are allowed is the client's own table
/// (<see cref="Client.ChangeStatus"/>); a move it refuses comes back as the page's error.
/// </summary>
public sealed class ChangeClientStatus(PortalDbContext db, TimeProvider clock)
{
    public async Task<Result<Client>> HandleAsync(Guid id, ClientStatus target, CancellationToken ct)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return Result.NotFound;
        }

        client.ChangeStatus(target, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return client;
    }
}
