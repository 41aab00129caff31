using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Baskets;

/// <summary>Adds a basket item to a client, in the client's currency; its item id is unique within the reseller.</summary>
public sealed class CreateBasketItem(PortalDbContext db, IValidator<BasketItemForm> validator, TimeProvider clock)
{
    /// <summary>The form with its read-only parts filled, or not found when the client is not the user's.</summary>
    public async Task<Result<BasketItemForm>> LoadAsync(Guid clientId, BasketItemForm form, CancellationToken ct) =>
        await DescribeAsync(db, clientId, form, ct) is null ? Result.NotFound : form;

    public async Task<Result<BasketItem>> HandleAsync(Guid clientId, BasketItemForm form, CancellationToken ct)
    {
        var client = await DescribeAsync(db, clientId, form, ct);
        if (client is null)
        {
            return Result.NotFound;
        }

        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var itemId = form.ItemId!.Trim();
        // The unique index decides under a race; this check gives the same message without a failed insert.
        if (await db.BasketItems.IgnoreQueryFilters().AnyAsync(b => b.ResellerId == client.ResellerId && b.ItemId == itemId, ct))
        {
            return Result.Refused(nameof(form.ItemId), "Another basket item already has this item id.");
        }

        var item = BasketItem.Create(
            client.ResellerId, client.Id, client.Currency, form.Product!, form.ItemType!, itemId, form.Description ?? string.Empty,
            form.Price!.Value, form.DueDate!.Value, form.HiddenUntilDue, clock.GetUtcNow());
        db.BasketItems.Add(item);
        await db.SaveChangesAsync(ct);
        return item;
    }

    internal static async Task<Client?> DescribeAsync(PortalDbContext db, Guid clientId, BasketItemForm form, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is not null)
        {
            (form.ClientId, form.ClientName, form.Currency) = (client.Id, client.DisplayName, client.Currency);
        }

        return client;
    }
}
