using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Records;

namespace ResellerPortal.Web.Features.Dids;

/// <summary>The list's query string; <c>reseller</c> is for the provider's staff, who see every reseller's numbers.</summary>
public sealed record DidFilter(Guid? Client, string? State, string? Prefix, string? After, Guid? Reseller = null)
{
    public string? PrefixValue => PhoneNumber.NormalizePrefix(Prefix) is { } p ? "+" + p : null;

    public string QueryString(string? after = null)
    {
        var parts = new List<string>();
        if (Client is not null)
        {
            parts.Add("client=" + Client);
        }

        if (Reseller is not null)
        {
            parts.Add("reseller=" + Reseller);
        }

        if (State is "connected" or "free")
        {
            parts.Add("state=" + State);
        }

        if (PrefixValue is { } prefix)
        {
            parts.Add("prefix=" + Uri.EscapeDataString(prefix));
        }

        if (after is not null)
        {
            parts.Add("after=" + Uri.EscapeDataString(after));
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }
}

/// <summary>A row of the list; <see cref="Currency"/> is the client's, in which a connected number's fees are charged.</summary>
public sealed record DidRow(Guid Id, string Number, string Description, string? SubAccount, Guid? ClientId, string? ClientName, decimal MonthlyFee, string? Currency, DateOnly? BillingStart, Guid ResellerId);

public sealed record DidListModel(DidFilter Filter, IReadOnlyList<DidRow> Rows, string? Next, string? ClientName, ResellerNames? Resellers);

/// <summary>
/// The reseller's DIDs (§5), listed by number with keyset paging; the prefix filter is an index range.
/// </summary>
public sealed class ListDids(PortalDbContext db)
{
    public const int PageSize = 100;

    public async Task<DidListModel> HandleAsync(DidFilter filter, CancellationToken ct)
    {
        var resellers = await ResellerNames.ForPlatformAsync(db, ct);
        var query = db.Dids.AsNoTracking();
        if (filter.Reseller is { } resellerId)
        {
            query = query.Where(d => d.ResellerId == resellerId);
        }

        if (filter.PrefixValue is { } p)
        {
            // A LIKE prefix on a C-collated column is an index range scan.
            query = query.Where(d => EF.Functions.Like(d.Number, p + "%"));
        }

        if (filter.State == "connected")
        {
            query = query.Where(d => d.SubAccountId != null);
        }
        else if (filter.State == "free")
        {
            query = query.Where(d => d.SubAccountId == null);
        }

        if (filter.Client is { } clientId)
        {
            query = query.Where(d => db.SubAccounts.Any(s => s.Id == d.SubAccountId && s.ClientId == clientId));
        }

        if (filter.After is { Length: > 0 and <= PhoneNumber.MaxLength } after)
        {
#pragma warning disable CA1309 // Runs in SQL on the C-collated column, where the comparison is ordinal; EF translates only this overload.
            query = query.Where(d => string.Compare(d.Number, after) > 0);
#pragma warning restore CA1309
        }

        var rows = await (from d in query.OrderBy(d => d.Number).Take(PageSize + 1)
                          join s in db.SubAccounts on d.SubAccountId equals s.Id into subs
                          from s in subs.DefaultIfEmpty()
                          join c in db.Clients on s.ClientId equals c.Id into clients
                          from c in clients.DefaultIfEmpty()
                          orderby d.Number
                          select new DidRow(d.Id, d.Number, d.Description, s == null ? null : s.Name, c == null ? null : c.Id,
                              c == null ? null : c.FirstName + " " + c.LastName, d.MonthlyFee, c == null ? null : c.Currency, d.BillingStart, d.ResellerId))
            .ToListAsync(ct);
        var next = rows.Count > PageSize ? rows[PageSize - 1].Number : null;
        var clientName = filter.Client is { } id ? await db.Clients.Where(c => c.Id == id).Select(c => c.FirstName + " " + c.LastName).SingleOrDefaultAsync(ct) : null;
        return new DidListModel(filter, rows.Take(PageSize).ToList(), next, clientName, resellers);
    }
}
