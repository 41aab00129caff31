using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Billing;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Billing;

/// <summary>What the planner needs for a set of clients: connected sub-accounts with a package, their DIDs, unpaid basket items due.</summary>
public sealed record ClientBillingInputs(
    IReadOnlyList<BillableSubAccount> SubAccounts, IReadOnlyList<BillableDid> Dids, IReadOnlyList<BillableBasketItem> BasketItems)
{
    public static readonly ClientBillingInputs None = new([], [], []);
}

/// <summary>
/// Loads the planner's inputs for many clients in three queries, for the billing run (a batch of clients)
/// and for the next-charge preview (one client): both plan from the same data, so the preview is the run.
/// Dates of connection are UTC days.
/// </summary>
public static class BillingInputs
{
    public static async Task<Dictionary<Guid, ClientBillingInputs>> LoadAsync(PortalDbContext db, IReadOnlyCollection<Guid> clientIds, DateOnly runDate, CancellationToken ct)
    {
        var ids = clientIds.ToArray();
        var subs = await (
            from s in db.SubAccounts.IgnoreQueryFilters()
            join p in db.Packages.IgnoreQueryFilters() on s.PackageId equals p.Id
            where s.ClientId != null && ids.Contains(s.ClientId.Value)
            select new { ClientId = s.ClientId!.Value, s.Id, s.Name, PackageName = p.Name, p.MonthlyFee, p.Currency, s.ConnectedAt })
            .AsNoTracking().ToListAsync(ct);
        var dids = await (
            from d in db.Dids.IgnoreQueryFilters()
            join s in db.SubAccounts.IgnoreQueryFilters() on d.SubAccountId equals s.Id
            where s.ClientId != null && ids.Contains(s.ClientId.Value)
            select new { ClientId = s.ClientId!.Value, d.Id, d.Number, d.MonthlyFee, d.BillingStart, d.ConnectedAt, SubConnectedAt = s.ConnectedAt })
            .AsNoTracking().ToListAsync(ct);
        var items = await db.BasketItems.IgnoreQueryFilters()
            .Where(b => ids.Contains(b.ClientId) && b.ChargedAt == null && b.Status != BasketItemStatus.Cancelled && b.DueDate <= runDate)
            .Select(b => new { b.ClientId, b.Id, b.Product, b.Description, b.Price, b.Currency, b.DueDate })
            .AsNoTracking().ToListAsync(ct);

        var result = new Dictionary<Guid, ClientBillingInputs>();
        foreach (var id in ids)
        {
            result[id] = ClientBillingInputs.None;
        }

        foreach (var group in subs.GroupBy(s => s.ClientId))
        {
            result[group.Key] = result[group.Key] with
            {
                SubAccounts = [.. group.Select(s => new BillableSubAccount(s.Id, s.Name, s.PackageName, s.MonthlyFee, s.Currency, Day(s.ConnectedAt)))],
            };
        }

        foreach (var group in dids.GroupBy(d => d.ClientId))
        {
            result[group.Key] = result[group.Key] with
            {
                Dids = [.. group.Select(d => new BillableDid(d.Id, d.Number, d.MonthlyFee, d.BillingStart ?? DateOnly.MinValue, Later(Day(d.ConnectedAt), Day(d.SubConnectedAt))))],
            };
        }

        foreach (var group in items.GroupBy(i => i.ClientId))
        {
            result[group.Key] = result[group.Key] with
            {
                BasketItems = [.. group.Select(i => new BillableBasketItem(i.Id, string.IsNullOrEmpty(i.Description) ? i.Product : $"{i.Product}: {i.Description}", i.Price, i.Currency, i.DueDate))],
            };
        }

        return result;
    }

    // A connection without a date (rows from before dates were kept) counts as connected long ago: full fees.
    private static DateOnly Day(DateTimeOffset? at) => at is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : DateOnly.MinValue;

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
