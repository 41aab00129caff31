using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Operators;

/// <summary>One operator of the reseller; another reseller's, or one outside a ResellerUser's scope, is not found.</summary>
public sealed class ShowOperator(PortalDbContext db, ListOperators list)
{
    public async Task<Result<OperatorRow>> HandleAsync(Guid id, CancellationToken ct)
    {
        var op = await db.Operators.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        return op is null ? Result.NotFound : (await list.RowsAsync([op], ct))[0];
    }
}
