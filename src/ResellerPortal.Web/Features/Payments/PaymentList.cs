using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Payments;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Payments;

public sealed record PaymentRow(Payment Payment, string ClientName, decimal Refunded);

public sealed record PaymentPage(Guid? Client, string? ClientName, int Page, IReadOnlyList<PaymentRow> Rows, bool HasNext)
{
    public string QueryString(int page)
    {
        var parts = new List<string>();
        if (Client is { } c)
        {
            parts.Add("client=" + c);
        }

        if (page > 1)
        {
            parts.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts);
    }
}

public sealed record PaymentDetailsModel(Payment Payment, string ClientName, IReadOnlyList<BasketItem> Items, IReadOnlyList<LedgerEntry> Refunds)
{
    public decimal Allocated => Items.Sum(i => i.Price);

    public decimal Refunded => -Refunds.Sum(r => r.Amount);

    public decimal Refundable => Payment.RefundableAfter(Refunded);
}

/// <summary>Payments across the reseller (or one client), newest first, and one payment with what it settled and its refunds.</summary>
public sealed class PaymentList(PortalDbContext db)
{
    public const int PageSize = 50;

    public async Task<PaymentPage> PageAsync(Guid? client, int page, CancellationToken ct)
    {
        page = Math.Clamp(page, 1, 100_000);
        var query = db.Payments.AsNoTracking();
        if (client is { } id)
        {
            query = query.Where(p => p.ClientId == id);
        }

        var rows = await query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Join(db.Clients, p => p.ClientId, c => c.Id, (p, c) => new
            {
                Payment = p,
                c.FirstName,
                c.LastName,
                Refunded = -db.LedgerEntries.Where(l => l.PaymentId == p.Id && l.Kind == LedgerKind.Refund).Sum(l => l.Amount),
            })
            .ToListAsync(ct);
        var clientName = client is { } cid ? (await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cid, ct))?.DisplayName : null;
        return new PaymentPage(
            client, clientName, page,
            [.. rows.Take(PageSize).Select(r => new PaymentRow(r.Payment, string.IsNullOrEmpty(r.LastName) ? r.FirstName : r.FirstName + " " + r.LastName, r.Refunded))],
            rows.Count > PageSize);
    }

    public async Task<Result<PaymentDetailsModel>> DetailsAsync(Guid id, CancellationToken ct)
    {
        var found = await db.Payments.AsNoTracking().Where(p => p.Id == id)
            .Join(db.Clients, p => p.ClientId, c => c.Id, (p, c) => new { Payment = p, c.FirstName, c.LastName })
            .SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return Result.NotFound;
        }

        var items = await db.BasketItems.AsNoTracking().Where(b => b.PaymentId == id).OrderBy(b => b.DueDate).ToListAsync(ct);
        var refunds = await db.LedgerEntries.AsNoTracking().Where(l => l.PaymentId == id && l.Kind == LedgerKind.Refund).OrderBy(l => l.At).ThenBy(l => l.Id).ToListAsync(ct);
        return new PaymentDetailsModel(found.Payment, string.IsNullOrEmpty(found.LastName) ? found.FirstName : found.FirstName + " " + found.LastName, items, refunds);
    }
}
