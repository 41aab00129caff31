using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Records;

namespace ResellerPortal.Web.Features.Keys;

public sealed class KeyFilter
{
    public string? Status { get; set; }

    public string? Product { get; set; }

    public PpkStatus? ParsedStatus => PpkStatuses.Parse(Status);

    public string? NormalizedProduct => string.IsNullOrWhiteSpace(Product) ? null : Product.Trim().ToUpperInvariant();
}

public sealed record KeyListModel(KeyFilter Filter, IReadOnlyList<KeyRow> Keys, bool Truncated, IReadOnlyList<string> Products, IReadOnlyDictionary<PpkStatus, int> Counts)
{
    public bool ShowReseller => Keys.Any(k => k.ResellerName is not null);
}

/// <summary>The reseller's stock of pre-purchased keys (§4), newest first, by status and product, with the count of each status.</summary>
public sealed class KeyList(PortalDbContext db)
{
    public const int PageSize = KeyRows.PageSize;

    public async Task<KeyListModel> HandleAsync(KeyFilter filter, CancellationToken ct)
    {
        var rows = KeyRows.Query(db);
        if (filter.ParsedStatus is { } status)
        {
            if (status == PpkStatus.Available)
            {
                rows = rows.Where(r => r.Activation == null);
            }
            else
            {
                var statuses = PpkStatuses.ActivationStatusesOf(status).ToList();
                rows = rows.Where(r => r.Activation != null && statuses.Contains(r.Activation.Status));
            }
        }

        if (filter.NormalizedProduct is { } product)
        {
            rows = rows.Where(r => r.Key.Product == product);
        }

        var page = await rows.OrderByDescending(r => r.Key.ImportedAt).ThenBy(r => r.Key.Id).Take(PageSize + 1).Select(KeyRows.ToRow).ToListAsync(ct);
        var resellers = await ResellerNames.ForPlatformAsync(db, ct);
        var counts = await KeyRows.Query(db).GroupBy(r => r.Activation == null ? (ActivationStatus?)null : r.Activation.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var products = await db.PrepurchasedKeys.Select(k => k.Product).Distinct().OrderBy(p => p).ToListAsync(ct);
        return new KeyListModel(
            filter,
            page.Take(PageSize).Select(r => KeyRows.Finish(r, resellers)).ToList(),
            page.Count > PageSize,
            products,
            Enum.GetValues<PpkStatus>().ToDictionary(s => s, s => counts.Where(c => PpkStatuses.Of(c.Key) == s).Sum(c => c.Count)));
    }
}
