using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Billing;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Data.Configurations;
using ResellerPortal.Web.Features.Billing;
using ResellerPortal.Web.Features.Records;

namespace ResellerPortal.Web.Features.Clients;

public enum ClientSort
{
    Name,
    Company,
    Email,
    Created,
}

/// <summary>
/// The list's query string: <c>q</c>, <c>status</c>, <c>sort</c>, a keyset cursor (<c>after</c> or <c>before</c>), and
/// <c>reseller</c> for the provider's staff (to a reseller's staff the tenant filter already names theirs), and
/// <c>balance=below-threshold</c>: clients whose balance is below their low-balance threshold (the dashboard's count),
/// <c>runway=N</c>: clients whose balance runs out within N days (0–27; the dashboard links to 7); any other value is ignored.
/// </summary>
public sealed record ClientFilter(string? Q, string? Status, string? Sort, string? After = null, string? Before = null, Guid? Reseller = null, string? Balance = null, string? Runway = null)
{
    public const string BelowThreshold = "below-threshold";

    public ClientStatus? StatusValue => Client.ParseStatus(Status);

    public bool BelowThresholdOnly => string.Equals(Balance?.Trim(), BelowThreshold, StringComparison.OrdinalIgnoreCase);

    /// <summary>The runway window in days, or null when <c>runway</c> is absent or not a whole number of 0–27.</summary>
    public int? RunwayDays =>
        int.TryParse(Runway?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= BalanceRunway.MaxWindowDays ? days : null;

    public ClientSort SortValue => Enum.TryParse<ClientSort>(Sort, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : ClientSort.Name;

    /// <summary>The query string of the same filter without a cursor, for export links and the first page.</summary>
    public string QueryString(string? extra = null)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            parts.Add("q=" + Uri.EscapeDataString(Q.Trim()));
        }

        if (StatusValue is { } status)
        {
            parts.Add("status=" + Client.Label(status));
        }

        if (Reseller is { } reseller)
        {
            parts.Add("reseller=" + reseller);
        }

        if (BelowThresholdOnly)
        {
            parts.Add("balance=" + BelowThreshold);
        }

        if (RunwayDays is { } days)
        {
            parts.Add("runway=" + days.ToString(CultureInfo.InvariantCulture));
        }

        if (SortValue != ClientSort.Name)
        {
            parts.Add("sort=" + SortValue.ToString().ToLowerInvariant());
        }

        if (extra is not null)
        {
            parts.Add(extra);
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }
}

public sealed record ClientRow(
    Guid Id,
    string FirstName,
    string LastName,
    string Company,
    string Email,
    string Phone,
    ClientStatus Status,
    string Currency,
    decimal Balance,
    DateTimeOffset CreatedAt,
    string SortName,
    Guid ResellerId,
    string? OperatorName)
{
    public string DisplayName => string.IsNullOrEmpty(LastName) ? FirstName : FirstName + " " + LastName;
}

/// <summary>
/// One page of the list: rows <see cref="First"/> to <see cref="Last"/> of <see cref="Total"/> (counted up to
/// <see cref="ClientList.CountLimit"/>; <see cref="TotalIsMore"/> past it). <see cref="Resellers"/> is set
/// for the provider's staff, who see every reseller's clients; <see cref="ShowOperators"/> when the user sees several operators.
/// </summary>
public sealed record ClientPage(
    ClientFilter Filter,
    IReadOnlyList<ClientRow> Rows,
    string? NextCursor,
    string? PreviousCursor,
    ResellerNames? Resellers,
    int Total,
    int First,
    bool ShowOperators)
{
    /// <summary>More rows match than were counted: the total reads "more than <see cref="Total"/>".</summary>
    public bool TotalIsMore => Total > ClientList.CountLimit;

    public int Last => Rows.Count == 0 ? 0 : First + Rows.Count - 1;
}

/// <summary>Every column of the exports, in the client's own words.</summary>
public sealed record ClientExportRow(
    Guid Id,
    string FirstName,
    string LastName,
    string Company,
    string Address,
    string City,
    string State,
    string Country,
    string Zip,
    string Email,
    string Phone,
    string Currency,
    string? VatNumber,
    DateOnly NextBillingDate,
    ClientStatus Status,
    BalanceManagement BalanceManagement,
    decimal? LowBalanceThreshold,
    string? LowBalanceEmail,
    decimal Balance,
    DateTimeOffset CreatedAt,
    Guid ResellerId);

/// <summary>
/// The client list and its exports. Paging is by keyset (the last row's sort key and id), so page 500
/// costs what page 1 costs: an index range scan from the cursor, never an OFFSET that reads and
/// discards the rows before it. Search is a substring match on a trigram-indexed column. The page's
/// position ("51–100") travels in the cursor rather than being counted, and the total is counted up to
/// <see cref="CountLimit"/> rows, on the first page only: counting every match of a broad search on every page cost
/// more than the page itself (bench/clients, issue 14). The pages after the first carry the first page's total in
/// their cursor, as a search engine's "about N results" stays while one pages on.
/// </summary>
public sealed class ClientList(PortalDbContext db, ClientRunway runway)
{
    public const int PageSize = 50;

    /// <summary>The total is counted up to this many rows; past it the list says "more than 1000".</summary>
    public const int CountLimit = 1000;

    public async Task<ClientPage> PageAsync(ClientFilter filter, CancellationToken ct)
    {
        var sort = filter.SortValue;
        var before = Cursor.Read(filter.Before);
        var backwards = before is not null;
        var cursor = before ?? Cursor.Read(filter.After);
        var query = Filtered(filter);
        if (cursor is not null)
        {
            query = Seek(query, sort, cursor.Key, cursor.Id, backwards);
        }

        // One statement for the page: its rows with their operator's name, and (uncorrelated subqueries that
        // PostgreSQL runs once) the bounded total and whether the user sees several operators. Before, these were
        // three statements, each a round trip and a pass through EF's query path (bench/README.md, issue 14).
        // Both are variables so that EF puts them into the statement; written inline, an uncorrelated Count() runs as a
        // query of its own.
        // The first page counts; the pages after it take the total from their cursor, so the statement counts nothing
        // (LIMIT 0): the count was most of a search page's time in PostgreSQL (bench/README.md, issue 14).
        var carried = cursor?.Total is { } t ? Math.Min(t, CountLimit + 1) : (int?)null;
        var counted = Filtered(filter).Take(carried is null ? CountLimit + 1 : 0);
        var twoOperators = db.Operators.Take(2);
        var lines = await Ordered(query, sort, descending: backwards).Take(PageSize + 1)
            .Select(c => new Line(
                new ClientRow(
                    c.Id, c.FirstName, c.LastName, c.Company, c.Email, c.Phone, c.Status, c.Currency, c.Balance, c.CreatedAt,
                    EF.Property<string>(c, ClientConfiguration.SortName), c.ResellerId,
                    db.Operators.Where(o => o.Id == c.OperatorId).Select(o => o.Name).FirstOrDefault()),
                counted.Count(),
                twoOperators.Count() > 1))
            .ToListAsync(ct);
        var more = lines.Count > PageSize;
        var rows = lines.Take(PageSize).Select(l => l.Row).ToList();
        if (backwards)
        {
            rows.Reverse();
        }

        // Going forward, "more" means a next page; going back, it means a previous one.
        var hasNext = backwards ? true : more;
        var hasPrevious = backwards ? more : cursor is not null;
        // The position of the page's first row: 1 on the first page; else from the cursor (a "next" cursor carries the
        // position of the row after it, a "previous" one its own row's), counted only for a cursor without one.
        var first = rows.Count == 0 ? 0
            : !hasPrevious ? 1
            : cursor?.Position is { } p ? Math.Max(2, backwards ? p - rows.Count : p)
            : await Seek(Filtered(filter), sort, SortKey(rows[0], sort), rows[0].Id, before: true).CountAsync(ct) + 1;
        // A carried total that the page contradicts (rows were added or removed since the first page: the page ends past
        // it, or is the last page and ends before it) is counted again. An empty page has no line to carry the total:
        // the first page is then empty because nothing matches; a cursor past the end (an old link) counts on its own.
        var last = first + rows.Count - 1;
        var recount = carried is not null
            && (rows.Count == 0 || (carried <= CountLimit && (last > carried || (!backwards && !more && last != carried))));
        var total = carried is not null && !recount ? carried.Value
            : lines.Count > 0 && carried is null ? lines[0].Total
            : cursor is null ? 0
            : await Filtered(filter).Take(CountLimit + 1).CountAsync(ct);
        return new ClientPage(
            filter,
            rows,
            hasNext && rows.Count > 0 ? Cursor.Write(SortKey(rows[^1], sort), rows[^1].Id, first + rows.Count, total) : null,
            hasPrevious && rows.Count > 0 ? Cursor.Write(SortKey(rows[0], sort), rows[0].Id, first, total) : null,
            await ResellerNames.ForPlatformAsync(db, ct),
            total,
            first,
            lines.Count > 0 && lines[0].SeveralOperators);
    }

    /// <summary>A row of the page with what the page's one statement also answers.</summary>
    private sealed record Line(ClientRow Row, int Total, bool SeveralOperators);

    /// <summary>The filtered list in list order, streamed row by row from the database.</summary>
    public IAsyncEnumerable<ClientExportRow> ExportAsync(ClientFilter filter) =>
        Ordered(Filtered(filter), filter.SortValue, descending: false)
            .Select(c => new ClientExportRow(
                c.Id, c.FirstName, c.LastName, c.Company, c.Address, c.City, c.State, c.Country, c.Zip, c.Email, c.Phone, c.Currency,
                c.VatNumber, c.NextBillingDate, c.Status, c.BalanceManagement, c.LowBalanceThreshold, c.LowBalanceEmail,
                c.Balance, c.CreatedAt, c.ResellerId))
            .AsAsyncEnumerable();

    private IQueryable<Client> Filtered(ClientFilter filter)
    {
        var query = db.Clients.AsNoTracking();
        if (filter.StatusValue is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (filter.Reseller is { } reseller)
        {
            query = query.Where(c => c.ResellerId == reseller);
        }

        if (filter.BelowThresholdOnly)
        {
            // The same rule as the dashboard's count: a threshold is set and the balance is below it.
            query = query.Where(c => c.LowBalanceThreshold != null && c.Balance < c.LowBalanceThreshold);
        }

        if (filter.RunwayDays is { } days)
        {
            // The dashboard's count, the same query: one statement over every client (ClientRunway).
            var runningOut = runway.RunningOutWithin(days);
            query = query.Where(c => runningOut.Contains(c.Id));
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var pattern = LikePattern.Contains(filter.Q.Trim().ToLowerInvariant());
            query = query.Where(c => EF.Functions.Like(EF.Property<string>(c, ClientConfiguration.SearchText), pattern, LikePattern.EscapeCharacter));
        }

        return query;
    }

    private static IQueryable<Client> Ordered(IQueryable<Client> query, ClientSort sort, bool descending) => (sort, descending) switch
    {
        (ClientSort.Company, false) => query.OrderBy(c => c.Company).ThenBy(c => c.Id),
        (ClientSort.Company, true) => query.OrderByDescending(c => c.Company).ThenByDescending(c => c.Id),
        (ClientSort.Email, false) => query.OrderBy(c => c.Email).ThenBy(c => c.Id),
        (ClientSort.Email, true) => query.OrderByDescending(c => c.Email).ThenByDescending(c => c.Id),
        (ClientSort.Created, false) => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
        (ClientSort.Created, true) => query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        (ClientSort.Name, false) => query.OrderBy(c => EF.Property<string>(c, ClientConfiguration.SortName)).ThenBy(c => c.Id),
        (ClientSort.Name, true) => query.OrderByDescending(c => EF.Property<string>(c, ClientConfiguration.SortName)).ThenByDescending(c => c.Id),
    };

    /// <summary>Rows after (or before) the cursor, as a row-value comparison PostgreSQL answers from the sort's index.</summary>
    private static IQueryable<Client> Seek(IQueryable<Client> query, ClientSort sort, string key, Guid id, bool before)
    {
        if (sort == ClientSort.Created)
        {
            if (!long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return query;
            }

            var at = new DateTimeOffset(ticks, TimeSpan.Zero);
            return before
                ? query.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.CreatedAt, c.Id), ValueTuple.Create(at, id)))
                : query.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.CreatedAt, c.Id), ValueTuple.Create(at, id)));
        }

        return (sort, before) switch
        {
            (ClientSort.Company, false) => query.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.Company, c.Id), ValueTuple.Create(key, id))),
            (ClientSort.Company, true) => query.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.Company, c.Id), ValueTuple.Create(key, id))),
            (ClientSort.Email, false) => query.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.Email, c.Id), ValueTuple.Create(key, id))),
            (ClientSort.Email, true) => query.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.Email, c.Id), ValueTuple.Create(key, id))),
            (_, false) => query.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(EF.Property<string>(c, ClientConfiguration.SortName), c.Id), ValueTuple.Create(key, id))),
            (_, true) => query.Where(c => EF.Functions.LessThan(ValueTuple.Create(EF.Property<string>(c, ClientConfiguration.SortName), c.Id), ValueTuple.Create(key, id))),
        };
    }

    private static string SortKey(ClientRow row, ClientSort sort) => sort switch
    {
        ClientSort.Company => row.Company,
        ClientSort.Email => row.Email,
        ClientSort.Created => row.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
        ClientSort.Name => row.SortName,
    };
}

/// <summary>The colour of a client's status badge, the same on the list and the client's page.</summary>
public static class ClientStatusBadge
{
    public static string For(ClientStatus status) => status switch
    {
        ClientStatus.Wait => "text-bg-warning",
        ClientStatus.Active => "text-bg-success",
        ClientStatus.Suspended => "text-bg-secondary",
        ClientStatus.Blocked => "text-bg-danger",
    };
}

/// <summary>
/// A keyset cursor: the position in the list of the row it points past (or before), the list's total as the first
/// page counted it, then the row's id and sort key, as <c>{position}.{total}.{id}{key}</c> in base64url. The position and
/// the total only number the rows shown ("51–100 of 320"); the query seeks by the key and id alone, so an altered
/// number changes nothing but what the page says. Cursors written before the total was carried
/// (<c>{position}.{id}{key}</c>), and before the position was (<c>{id}{key}</c>), still read.
/// </summary>
public sealed record Cursor(string Key, Guid Id, int? Position, int? Total)
{
    public static string Write(string key, Guid id, int position, int total) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            position.ToString(CultureInfo.InvariantCulture) + "." + total.ToString(CultureInfo.InvariantCulture) + "." + id.ToString("N") + key));

    /// <summary>The cursor in <paramref name="text"/>, or null when it is not one.</summary>
    public static Cursor? Read(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 2000 || !Base64Url.IsValid(text, out var length))
        {
            return null;
        }

        var bytes = new byte[length];
        if (Base64Url.DecodeFromChars(text, bytes) != length)
        {
            return null;
        }

        string plain;
        try
        {
            plain = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        // The numbers come first, each ended by a dot; an id is 32 hex digits and has none.
        var position = TakeNumber(ref plain);
        var total = position is null ? null : TakeNumber(ref plain);
        return plain.Length >= 32 && Guid.TryParseExact(plain[..32], "N", out var id) ? new Cursor(plain[32..], id, position, total) : null;
    }

    private static int? TakeNumber(ref string plain)
    {
        var dot = plain.IndexOf('.', StringComparison.Ordinal);
        if (dot is > 0 and <= 9 && int.TryParse(plain.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 0)
        {
            plain = plain[(dot + 1)..];
            return number;
        }

        return null;
    }
}
