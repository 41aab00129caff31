using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Baskets;

/// <summary>
/// The filters of the basket list, as typed in the query string: a malformed value is ignored (and said
/// so), never an error page.
/// </summary>
public sealed record BasketFilter(Guid? Client = null, string? From = null, string? To = null, string? Status = null, string? Hidden = null, int Page = 1)
{
    public DateOnly? FromDate => ParseDate(From);

    public DateOnly? ToDate => ParseDate(To);

    public BasketItemStatus? StatusValue => Enum.TryParse<BasketItemStatus>(Status?.Trim(), ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;

    /// <summary>"yes": only items hidden until due; "no": only visible ones; anything else: both.</summary>
    public bool? HiddenValue => Hidden?.Trim().ToLowerInvariant() switch
    {
        "yes" => true,
        "no" => false,
        _ => null,
    };

    public int PageNumber => Math.Clamp(Page, 1, 100_000);

    public string QueryString(int? page = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("client", Client?.ToString());
        Add("from", From);
        Add("to", To);
        Add("status", Status);
        Add("hidden", Hidden);
        Add("page", page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null);
        return parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts);
    }

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

public sealed record BasketRow(BasketItem Item, string ClientName);

public sealed record BasketPage(BasketFilter Filter, IReadOnlyList<BasketRow> Rows, bool HasNext, string? ClientName);

/// <summary>
/// Basket items across the reseller (or one client), newest due date first, in pages of <see cref="PageSize"/>.
/// The query filters keep them to the user's reseller (and a ResellerUser's operators).
/// </summary>
public sealed class BasketList(PortalDbContext db)
{
    public const int PageSize = 50;

    public async Task<BasketPage> PageAsync(BasketFilter filter, CancellationToken ct)
    {
        var query = Filtered(filter);
        var skip = (filter.PageNumber - 1) * PageSize;
        var rows = await query.OrderByDescending(b => b.DueDate).ThenByDescending(b => b.Id)
            .Skip(skip).Take(PageSize + 1)
            .Join(db.Clients, b => b.ClientId, c => c.Id, (b, c) => new { Item = b, c.FirstName, c.LastName })
            .ToListAsync(ct);
        var clientName = filter.Client is { } id
            ? (await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct))?.DisplayName
            : null;
        return new BasketPage(
            filter,
            [.. rows.Take(PageSize).Select(r => new BasketRow(r.Item, string.IsNullOrEmpty(r.LastName) ? r.FirstName : r.FirstName + " " + r.LastName))],
            rows.Count > PageSize,
            clientName);
    }

    /// <summary>A client's items for its page: unpaid first (by due date), then the latest others.</summary>
    public Task<List<BasketItem>> ForClientAsync(Guid clientId, int take, CancellationToken ct) =>
        db.BasketItems.AsNoTracking().Where(b => b.ClientId == clientId)
            .OrderBy(b => b.Status == BasketItemStatus.Unpaid ? 0 : 1).ThenBy(b => b.DueDate).ThenBy(b => b.Id)
            .Take(take).ToListAsync(ct);

    private IQueryable<BasketItem> Filtered(BasketFilter filter)
    {
        var query = db.BasketItems.AsNoTracking();
        if (filter.Client is { } client)
        {
            query = query.Where(b => b.ClientId == client);
        }

        if (filter.FromDate is { } from)
        {
            query = query.Where(b => b.DueDate >= from);
        }

        if (filter.ToDate is { } to)
        {
            query = query.Where(b => b.DueDate <= to);
        }

        if (filter.StatusValue is { } status)
        {
            query = query.Where(b => b.Status == status);
        }

        if (filter.HiddenValue is { } hidden)
        {
            query = query.Where(b => b.HiddenUntilDue == hidden);
        }

        return query;
    }
}
