using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Money;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.ClientPortal;

public sealed record ClientSummary(Guid Id, string Name, string Email, ClientStatus Status, decimal Balance, string Currency)
{
    public string BalanceText => Currencies.Show(Balance, Currency);
}

public sealed record TransactionRow(DateTimeOffset At, LedgerKind Kind, string Description, decimal Amount, decimal RunningBalance);

public sealed record TransactionsPage(ClientSummary Client, IReadOnlyList<TransactionRow> Rows, int Page, bool HasNext);

public sealed record StatementMonth(int Year, int Month, decimal Opening, decimal Charges, decimal Credits, decimal Closing)
{
    public string Label => new DateOnly(Year, Month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}

public sealed record ClientDid(string Number, string Description, string SubAccount, decimal MonthlyFee);

public sealed record ClientBasketItem(string Product, string ItemType, string Description, decimal Price, DateOnly DueDate, BasketItemStatus Status);

/// <summary>
/// What a signed-in client reads about itself (§7). Every query names the client's own id (from its
/// login, never from the URL) on top of the tenant filter, which alone would show the whole reseller.
/// </summary>
public sealed class ClientPages(PortalDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<Result<ClientSummary>> SummaryAsync(Guid clientId, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId)
            .Select(c => new ClientSummary(c.Id, c.LastName == string.Empty ? c.FirstName : c.FirstName + " " + c.LastName, c.Email, c.Status, c.Balance, c.Currency))
            .SingleOrDefaultAsync(ct);
        return client is null ? Result.NotFound : client;
    }

    /// <summary>The ledger, newest first, with the balance after each row.</summary>
    public async Task<Result<TransactionsPage>> TransactionsAsync(Guid clientId, int page, CancellationToken ct)
    {
        var summary = await SummaryAsync(clientId, ct);
        if (!summary.IsDone)
        {
            return Result.NotFound;
        }

        page = Math.Clamp(page, 1, 100_000);
        var rows = db.LedgerEntries.AsNoTracking().Where(l => l.ClientId == clientId).OrderByDescending(l => l.At).ThenByDescending(l => l.Id);
        var skipped = await rows.Take((page - 1) * PageSize).SumAsync(l => l.Amount, ct);
        var entries = await rows.Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(l => new { l.At, l.Kind, l.Description, l.Amount }).ToListAsync(ct);
        var balance = summary.Value.Balance - skipped;
        var list = new List<TransactionRow>();
        foreach (var e in entries.Take(PageSize))
        {
            list.Add(new TransactionRow(e.At, e.Kind, e.Description, e.Amount, balance));
            balance -= e.Amount;
        }

        return new TransactionsPage(summary.Value, list, page, entries.Count > PageSize);
    }

    /// <summary>
    /// The ledger by calendar month (UTC): opening balance, charges, credits, closing balance. The money
    /// issue's statements replace this when they land.
    /// </summary>
    public async Task<Result<(ClientSummary Client, IReadOnlyList<StatementMonth> Months)>> StatementsAsync(Guid clientId, CancellationToken ct)
    {
        var summary = await SummaryAsync(clientId, ct);
        if (!summary.IsDone)
        {
            return Result.NotFound;
        }

        var months = await db.LedgerEntries.AsNoTracking().Where(l => l.ClientId == clientId)
            .GroupBy(l => new { l.At.UtcDateTime.Year, l.At.UtcDateTime.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Charges = g.Where(l => l.Amount < 0).Sum(l => -l.Amount), Credits = g.Where(l => l.Amount > 0).Sum(l => l.Amount) })
            .ToListAsync(ct);
        var result = new List<StatementMonth>();
        var running = 0m;
        foreach (var m in months.OrderBy(m => m.Year).ThenBy(m => m.Month))
        {
            var closing = running - m.Charges + m.Credits;
            result.Add(new StatementMonth(m.Year, m.Month, running, m.Charges, m.Credits, closing));
            running = closing;
        }

        result.Reverse();
        return (summary.Value, result);
    }

    public async Task<Result<(ClientSummary Client, IReadOnlyList<ClientDid> Dids)>> DidsAsync(Guid clientId, CancellationToken ct)
    {
        var summary = await SummaryAsync(clientId, ct);
        if (!summary.IsDone)
        {
            return Result.NotFound;
        }

        var dids = await (from d in db.Dids.AsNoTracking()
                          join s in db.SubAccounts.AsNoTracking() on d.SubAccountId equals s.Id
                          where s.ClientId == clientId
                          orderby d.Number
                          select new ClientDid(d.Number, d.Description, s.Name, d.MonthlyFee)).ToListAsync(ct);
        return (summary.Value, dids);
    }

    /// <summary>The client's basket, without the items it may not see yet (hidden until their due date).</summary>
    public async Task<Result<(ClientSummary Client, IReadOnlyList<ClientBasketItem> Items)>> BasketAsync(Guid clientId, CancellationToken ct)
    {
        var summary = await SummaryAsync(clientId, ct);
        if (!summary.IsDone)
        {
            return Result.NotFound;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var items = await db.BasketItems.AsNoTracking().Where(b => b.ClientId == clientId && b.Status != BasketItemStatus.Cancelled)
            .OrderBy(b => b.DueDate).ToListAsync(ct);
        return (summary.Value, items.Where(b => b.IsVisibleToClient(today))
            .Select(b => new ClientBasketItem(b.Product, b.ItemType, b.Description, b.Price, b.DueDate, b.Status)).ToList());
    }

    public static string KindLabel(LedgerKind kind) => kind switch
    {
        LedgerKind.Charge => "Charge",
        LedgerKind.Payment => "Payment",
        LedgerKind.Refund => "Refund",
        LedgerKind.Adjustment => "Adjustment",
    };

    public static string StatusLabel(BasketItemStatus status) => status switch
    {
        BasketItemStatus.Unpaid => "Unpaid",
        BasketItemStatus.Paid => "Paid",
        BasketItemStatus.Cancelled => "Cancelled",
    };
}
