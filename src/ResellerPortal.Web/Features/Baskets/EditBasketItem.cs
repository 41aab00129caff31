using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Baskets;

/// <summary>Changes a basket item while it is unpaid (a paid or cancelled item is the domain's refusal).</summary>
public sealed class EditBasketItem(PortalDbContext db, IValidator<BasketItemForm> validator)
{
    public async Task<Result<BasketItemForm>> LoadAsync(Guid id, CancellationToken ct)
    {
        var item = await db.BasketItems.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (item is null)
        {
            return Result.NotFound;
        }

        var form = BasketItemForm.From(item);
        await CreateBasketItem.DescribeAsync(db, item.ClientId, form, ct);
        return form;
    }

    /// <summary>Fills the read-only parts of a form the handler did not reach.</summary>
    public async Task<Result<BasketItemForm>> RefillAsync(Guid id, BasketItemForm form, CancellationToken ct)
    {
        var clientId = await db.BasketItems.Where(b => b.Id == id).Select(b => (Guid?)b.ClientId).SingleOrDefaultAsync(ct);
        if (clientId is null || await CreateBasketItem.DescribeAsync(db, clientId.Value, form, ct) is null)
        {
            return Result.NotFound;
        }

        form.Id = id;
        return form;
    }

    public async Task<Result<BasketItem>> HandleAsync(Guid id, BasketItemForm form, CancellationToken ct)
    {
        var item = await db.BasketItems.SingleOrDefaultAsync(b => b.Id == id, ct);
        if (item is null || await CreateBasketItem.DescribeAsync(db, item.ClientId, form, ct) is null)
        {
            return Result.NotFound;
        }

        form.Id = id;
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var itemId = form.ItemId!.Trim();
        if (await db.BasketItems.IgnoreQueryFilters().AnyAsync(b => b.ResellerId == item.ResellerId && b.ItemId == itemId && b.Id != item.Id, ct))
        {
            return Result.Refused(nameof(form.ItemId), "Another basket item already has this item id.");
        }

        item.Edit(form.Product!, form.ItemType!, itemId, form.Description ?? string.Empty, form.Price!.Value, form.DueDate!.Value, form.HiddenUntilDue);
        await db.SaveChangesAsync(ct);
        return item;
    }
}
