using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Money;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Records;

namespace ResellerPortal.Web.Features.Clients;

public enum ClientAction
{
    Activate,
    Suspend,
    Block,
}

/// <summary>A manual payment or charge typed on the client's page (seed 003: amount and description, dated today).</summary>
public sealed class TransactionForm
{
    public LedgerKind Kind { get; set; } = LedgerKind.Payment;

    public decimal? Amount { get; set; }

    public string? Description { get; set; }

    /// <summary>Set once when the form is shown, so a double submit records one row, not two.</summary>
    public Guid SubmissionId { get; set; }
}

public sealed class TransactionFormValidator : AbstractValidator<TransactionForm>
{
    public TransactionFormValidator()
    {
        RuleFor(x => x.Kind).IsInEnum().WithMessage("Choose payment, charge, refund or adjustment.");
        RuleFor(x => x.Amount).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter the amount.")
            .Must((form, a) => form.Kind == LedgerKind.Adjustment ? a != 0m : a > 0m)
            .WithMessage(form => form.Kind == LedgerKind.Adjustment ? "An adjustment cannot be zero (use a minus sign to lower the balance)." : "Enter a positive amount.")
            .Must(a => Math.Abs(a!.Value) <= LedgerEntry.MaxAmount).WithMessage("That amount is too large.");
        RuleFor(x => x.Description).Cascade(CascadeMode.Stop)
            .Must(d => !string.IsNullOrWhiteSpace(d)).WithMessage("Describe the transaction; the client sees it in their history.")
            .MaximumLength(LedgerEntry.DescriptionMaxLength);
    }
}

public sealed record LedgerLine(LedgerEntry Entry, decimal RunningBalance);

public sealed record SubAccountLine(SubAccount SubAccount, string? PackageName, decimal? MonthlyFee, IReadOnlyList<Did> Dids);

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
    string? ResellerName)
{
    public int DidCount => SubAccounts.Sum(s => s.Dids.Count);
}

/// <summary>The use cases of a client's account: create, edit, status changes, delete, manual transactions.</summary>
public sealed class ClientAccounts(PortalDbContext db, AuditActorAccessor actors, TimeProvider clock, RecordPanels panels)
{
    public const int LedgerShown = 200;

    public Task<Client?> FindAsync(Guid id, CancellationToken ct) => db.Clients.SingleOrDefaultAsync(c => c.Id == id, ct);

    public async Task<Client> CreateAsync(ClientForm form, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var client = Client.Create(db.Tenant.ResellerId!.Value, form.OperatorId, form.Details(), form.Currency!, form.NextBillingDate!.Value, now, active: !form.StartInWait);
        if (!form.StartInWait)
        {
            client.ManageBalance(form.BalanceManagement, form.LowBalanceThreshold, form.LowBalanceEmail);
        }
        else
        {
            client.ManageBalance(BalanceManagement.Soft, form.LowBalanceThreshold, form.LowBalanceEmail);
        }

        db.Clients.Add(client);
        await db.SaveChangesAsync(ct);
        if (!string.IsNullOrWhiteSpace(form.SubAccountName))
        {
            var sub = new SubAccount(client.ResellerId, form.SubAccountName, string.Empty, now);
            sub.ConnectTo(client.Id, now);
            db.SubAccounts.Add(sub);
            if (form.PackageId is { } packageId)
            {
                var package = await db.Packages.SingleAsync(p => p.Id == packageId, ct);
                await AssignPackageAsync(client, sub, package, form.ChargeSetupFee, now, ct);
            }

            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return client;
    }

    public async Task UpdateAsync(Client client, ClientForm form, CancellationToken ct)
    {
        client.Update(form.Details());
        client.MoveToOperator(form.OperatorId);
        client.ChangeCurrency(form.Currency!);
        client.ScheduleNextBilling(form.NextBillingDate!.Value);
        client.ManageBalance(form.BalanceManagement, form.LowBalanceThreshold, form.LowBalanceEmail);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Why the client's currency cannot change: its ledger or packages are in the old one.</summary>
    public async Task<string?> RefusalToChangeCurrencyAsync(Client client, string? currency, CancellationToken ct)
    {
        if (Currencies.Normalize(currency) == client.Currency)
        {
            return null;
        }

        if (await db.LedgerEntries.AnyAsync(l => l.ClientId == client.Id, ct))
        {
            return $"The client has transactions in {client.Currency}; the currency cannot change any more.";
        }

        return await db.SubAccounts.AnyAsync(s => s.ClientId == client.Id && s.PackageId != null, ct)
            ? $"Packages in {client.Currency} are assigned to this client's sub-accounts; remove them first."
            : null;
    }

    /// <summary>
    /// Assigns a package to a connected sub-account, charging its setup fee when asked, once per
    /// sub-account and package: assigning the same package again (after removing it) charges nothing more.
    /// The natural key also stops a concurrent repeat in the database.
    /// </summary>
    public async Task AssignPackageAsync(Client client, SubAccount sub, Package package, bool chargeSetupFee, DateTimeOffset now, CancellationToken ct)
    {
        sub.AssignPackage(package, client);
        var key = $"package-setup:{sub.Id:N}:{package.Id:N}";
        if (chargeSetupFee && package.SetupFee > 0m
            && !await db.LedgerEntries.IgnoreQueryFilters().AnyAsync(l => l.ClientId == client.Id && l.Key == key, ct))
        {
            db.LedgerEntries.Add(LedgerEntry.Record(
                client.ResellerId, client.Id, LedgerKind.Charge, Currencies.Round(package.SetupFee, client.Currency), client.Currency,
                $"Setup fee: {package.Name} on {sub.Name}", key, now, actors.Current()));
        }
    }

    public async Task<string?> ApplyAsync(Client client, ClientAction action, CancellationToken ct)
    {
        var target = action switch
        {
            ClientAction.Activate => ClientStatus.Active,
            ClientAction.Suspend => ClientStatus.Suspended,
            ClientAction.Block => ClientStatus.Blocked,
        };
        if (client.RefusalToMoveTo(target) is { } refusal)
        {
            return refusal;
        }

        switch (action)
        {
            case ClientAction.Activate:
                client.Activate(clock.GetUtcNow());
                break;
            case ClientAction.Suspend:
                client.Suspend();
                break;
            case ClientAction.Block:
                client.Block();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }

        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Deletes the client, or says why not: connected sub-accounts and DIDs must be unconnected first (§5).</summary>
    public async Task<string?> DeleteAsync(Client client, CancellationToken ct)
    {
        // Counted across operator scopes: what is connected matters, not what this user sees.
        var subs = db.SubAccounts.IgnoreQueryFilters([PortalDbContext.OperatorScopeFilter]).Where(s => s.ClientId == client.Id);
        var subCount = await subs.CountAsync(ct);
        var didCount = await db.Dids.IgnoreQueryFilters([PortalDbContext.OperatorScopeFilter]).CountAsync(d => subs.Any(s => s.Id == d.SubAccountId), ct);
        if (subCount > 0 || didCount > 0)
        {
            var parts = new List<string>();
            if (didCount > 0)
            {
                parts.Add($"{didCount} DID{(didCount == 1 ? "" : "s")}");
            }

            if (subCount > 0)
            {
                parts.Add($"{subCount} sub-account{(subCount == 1 ? "" : "s")}");
            }

            return $"The client still has {string.Join(" and ", parts)} connected. Unconnect them first, then delete the client.";
        }

        client.Delete(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Records a manual transaction. A repeated submission (same form id) is recognised and records nothing.</summary>
    public async Task RecordAsync(Client client, TransactionForm form, CancellationToken ct)
    {
        var key = LedgerEntry.ManualKey(form.SubmissionId == Guid.Empty ? Guid.CreateVersion7() : form.SubmissionId);
        if (await db.LedgerEntries.AnyAsync(l => l.Key == key, ct))
        {
            return;
        }

        db.LedgerEntries.Add(LedgerEntry.Record(
            client.ResellerId, client.Id, form.Kind, form.Amount!.Value, client.Currency, form.Description!, key, clock.GetUtcNow(), actors.Current()));
        await db.SaveChangesAsync(ct);
    }

    public async Task<ClientDetailsModel> DetailsAsync(Client client, TransactionForm? transaction, string? noteText, string? noteError, CancellationToken ct)
    {
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
        // Rows are in the client's currency, so the sum has its precision; rounding only drops the column's trailing zeros.
        var balance = Currencies.Round(await ledger.SumAsync(l => l.Amount, ct), client.Currency);
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
        return new ClientDetailsModel(
            client, operatorName, balance, lines, ledgerLines, total, free,
            transaction ?? new TransactionForm { SubmissionId = Guid.CreateVersion7() }, record, resellerName);
    }
}
