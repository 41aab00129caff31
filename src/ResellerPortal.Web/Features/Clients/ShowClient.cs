using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Money;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Records;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Clients;

public sealed record LedgerLine(LedgerEntry Entry, decimal RunningBalance);

public sealed record SubAccountLine(SubAccount SubAccount, string? PackageName, decimal? MonthlyFee, IReadOnlyList<Did> Dids);

/// <summary>The client's login to the reseller's client portal (§7), if it has one.</summary>
public sealed record ClientPortalLogin(Guid UserId, string? Email, string DisplayName, bool IsDisabled, bool HasPassword);

public sealed record ClientDetailsModel(
    Client Client,
    string OperatorName,
    decimal Balance,
    IReadOnlyList<SubAccountLine> SubAccounts,
    IReadOnlyList<LedgerLine> Ledger,
    int LedgerTotal,
    IReadOnlyList<(Guid Id, string Name)> FreeSubAccounts,
    TransactionForm Transaction,
    RecordPanelModel Record,
    string? ResellerName,
    ClientPortalLogin? Login)
{
    public int DidCount => SubAccounts.Sum(s => s.Dids.Count);
}

/// <summary>
/// The client's page: details, balance, sub-accounts with their packages and DIDs, the latest ledger rows
/// with a running balance, notes and history. A refused transaction comes back on it with what was typed.
/// </summary>
public sealed class ShowClient(PortalDbContext db, RecordPanels panels)
{
    public const int LedgerShown = 200;

    public async Task<Result<ClientDetailsModel>> HandleAsync(Guid id, TransactionForm? transaction, string? noteText, string? noteError, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return Result.NotFound;
        }

        var operatorName = await db.Operators.Where(o => o.Id == client.OperatorId).Select(o => o.Name).SingleOrDefaultAsync(ct) ?? "—";
        var subs = await db.SubAccounts.AsNoTracking().Where(s => s.ClientId == client.Id).OrderBy(s => s.Name).ToListAsync(ct);
        var subIds = subs.Select(s => s.Id).ToList();
        var dids = await db.Dids.AsNoTracking().Where(d => d.SubAccountId != null && subIds.Contains(d.SubAccountId.Value)).OrderBy(d => d.Number).ToListAsync(ct);
        var packageIds = subs.Where(s => s.PackageId != null).Select(s => s.PackageId!.Value).Distinct().ToList();
        var packages = await db.Packages.AsNoTracking().Where(p => packageIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var lines = subs.Select(s =>
        {
            var package = s.PackageId is { } pid ? packages.GetValueOrDefault(pid) : null;
            return new SubAccountLine(s, package?.Name, package?.MonthlyFee, dids.Where(d => d.SubAccountId == s.Id).ToList());
        }).ToList();

        var ledger = db.LedgerEntries.AsNoTracking().Where(l => l.ClientId == client.Id);
        // The balance column the ledger's trigger keeps (it equals the sum); rounding only drops the column's trailing zeros.
        var balance = Currencies.Round(client.Balance, client.Currency);
        var total = await ledger.CountAsync(ct);
        // Newest first; the running balance walks back from the current balance.
        var recent = await ledger.OrderByDescending(l => l.At).ThenByDescending(l => l.Id).Take(LedgerShown).ToListAsync(ct);
        var running = balance;
        var ledgerLines = new List<LedgerLine>(recent.Count);
        foreach (var entry in recent)
        {
            ledgerLines.Add(new LedgerLine(entry, running));
            running -= entry.Amount;
        }

        // The client's reseller's stock: the provider's staff see every reseller's.
        var free = (await db.SubAccounts.Where(s => s.ClientId == null && s.ResellerId == client.ResellerId).OrderBy(s => s.Name).Take(200).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
            .Select(s => (s.Id, s.Name)).ToList();
        var record = await panels.LoadAsync(RecordTypes.Client, client.Id, noteText, noteError, ct);
        var resellerName = db.Tenant.SeesAllTenants ? await db.Resellers.Where(r => r.Id == client.ResellerId).Select(r => r.Name).SingleOrDefaultAsync(ct) : null;
        var login = await db.Users.Where(u => u.ClientId == client.Id)
            .Select(u => new ClientPortalLogin(u.Id, u.Email, u.DisplayName, u.IsDisabled, u.PasswordHash != null)).SingleOrDefaultAsync(ct);
        return new ClientDetailsModel(
            client, operatorName, balance, lines, ledgerLines, total, free,
            transaction ?? new TransactionForm { SubmissionId = Guid.CreateVersion7() }, record, resellerName, login);
    }
}
