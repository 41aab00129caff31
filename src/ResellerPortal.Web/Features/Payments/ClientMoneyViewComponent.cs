using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Payments;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Baskets;
using ResellerPortal.Web.Features.Statements;

namespace ResellerPortal.Web.Features.Payments;

public sealed record ClientMoneyModel(Guid ClientId, string Currency, IReadOnlyList<BasketItem> Basket, int BasketTotal, IReadOnlyList<Payment> Payments, int PaymentTotal, IReadOnlyList<DateOnly> Months);

/// <summary>The client page's money sections: its basket, its payments and its monthly statements (issue 11).</summary>
public sealed class ClientMoneyViewComponent(PortalDbContext db, BasketList baskets, ClientStatement statements) : ViewComponent
{
    public const int Shown = 50;

    public async Task<IViewComponentResult> InvokeAsync(Guid clientId, string currency)
    {
        var ct = HttpContext.RequestAborted;
        var basket = await baskets.ForClientAsync(clientId, Shown, ct);
        var basketTotal = await db.BasketItems.CountAsync(b => b.ClientId == clientId, ct);
        var payments = await db.Payments.AsNoTracking().Where(p => p.ClientId == clientId).OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(Shown).ToListAsync(ct);
        var paymentTotal = await db.Payments.CountAsync(p => p.ClientId == clientId, ct);
        var months = await statements.MonthsAsync(clientId, ct);
        return View("/Features/Payments/_ClientMoney.cshtml", new ClientMoneyModel(clientId, currency, basket, basketTotal, payments, paymentTotal, months));
    }
}
