using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Money;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.SubAccounts;

/// <summary>The package picker of a sub-account's page: a package, or none to remove it.</summary>
public sealed class PackageChoice
{
    public Guid? PackageId { get; set; }

    /// <summary>Charge the package's setup fee now: off until ticked.</summary>
    public bool ChargeSetupFee { get; set; }
}

/// <summary>What the assignment left on the sub-account: its new package, or none.</summary>
public sealed record AssignedPackage(Package? Package);

/// <summary>
/// Assigns a package to a connected sub-account or removes it. The domain checks that the package is in the
/// client's currency (<see cref="SubAccount.AssignPackage"/>); the setup fee is charged when asked, once per
/// sub-account and package, so assigning the same package again after removing it charges nothing more.
/// </summary>
public sealed class AssignPackage(PortalDbContext db, AuditActorAccessor actors, ResellerPortal.Web.Ledger.ClientLedger ledger, TimeProvider clock)
{
    /// <summary>The packages a client's sub-account may have: the reseller's, in the client's currency.</summary>
    public static async Task<IReadOnlyList<(Guid Id, string Name)>> ChoicesAsync(PortalDbContext db, Client client, CancellationToken ct) =>
        (await db.Packages.AsNoTracking()
            .Where(p => p.ResellerId == client.ResellerId && p.Currency == client.Currency)
            .OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
        .Select(p => (p.Id, p.Name)).ToList();

    public async Task<Result<AssignedPackage>> HandleAsync(Guid subAccountId, PackageChoice choice, CancellationToken ct)
    {
        var sub = await db.SubAccounts.SingleOrDefaultAsync(s => s.Id == subAccountId, ct);
        if (sub is null)
        {
            return Result.NotFound;
        }

        var client = sub.ClientId is { } clientId ? await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, ct) : null;
        if (client is null)
        {
            return Result.Refused(nameof(choice.PackageId), "Connect the sub-account to a client before assigning a package.");
        }

        Package? package = null;
        if (choice.PackageId is { } packageId)
        {
            package = await db.Packages.SingleOrDefaultAsync(p => p.Id == packageId, ct);
            if (package is null)
            {
                return Result.Refused(nameof(choice.PackageId), "Choose one of your packages.");
            }

            await AssignAsync(client, sub, package, choice.ChargeSetupFee, ct);
        }
        else
        {
            sub.RemovePackage();
        }

        await db.SaveChangesAsync(ct);
        return new AssignedPackage(package);
    }

    /// <summary>Assigns the package and adds its setup-fee charge when asked; the caller saves.</summary>
    public async Task AssignAsync(Client client, SubAccount sub, Package package, bool chargeSetupFee, CancellationToken ct)
    {
        sub.AssignPackage(package, client);
        var key = $"package-setup:{sub.Id:N}:{package.Id:N}";
        // The natural key is unique across the ledger, whichever operator's user recorded the first charge.
        if (chargeSetupFee && package.SetupFee > 0m
            && !await db.LedgerEntries.IgnoreQueryFilters().AnyAsync(l => l.ClientId == client.Id && l.Key == key, ct))
        {
            // Saves what is pending with the charge, in the caller's transaction when it has one, and applies the balance rules.
            await ledger.PostAsync(LedgerEntry.Record(
                client.ResellerId, client.Id, LedgerKind.Charge, Currencies.Round(package.SetupFee, client.Currency), client.Currency,
                $"Setup fee: {package.Name} on {sub.Name}", key, clock.GetUtcNow(), actors.Current()), ct);
        }
    }
}
