using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Dids;

/// <summary>Frees a connected DID; its charges stop (the domain refuses a number that is not connected).</summary>
public sealed class UnconnectDid(PortalDbContext db)
{
    public async Task<Result<Did>> HandleAsync(Guid id, CancellationToken ct)
    {
        var did = await db.Dids.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (did is null)
        {
            return Result.NotFound;
        }

        did.Unconnect();
        await db.SaveChangesAsync(ct);
        return did;
    }
}
