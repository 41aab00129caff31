using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Baskets;

/// <summary>Withdraws an unpaid basket item; it stays listed as cancelled and recurring billing skips it.</summary>
public sealed class CancelBasketItem(PortalDbContext db)
{
    public async Task<Result<BasketItem>> HandleAsync(Guid id, CancellationToken ct)
    {
        var item = await db.BasketItems.SingleOrDefaultAsync(b => b.Id == id, ct);
        if (item is null)
        {
            return Result.NotFound;
        }

        item.Cancel();
        await db.SaveChangesAsync(ct);
        return item;
    }
}
