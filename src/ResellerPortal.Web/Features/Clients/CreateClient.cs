using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Money;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.SubAccounts;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Clients;

/// <summary>
/// Creates a client (seed 003 "Manage client's account"): active at once, or left in WAIT as a signup
/// would be; optionally with a first sub-account and a package in the client's currency, all in one
/// transaction so a refused package leaves no half-made client.
/// </summary>
public sealed class CreateClient(
    PortalDbContext db, IValidator<ClientForm> validator, IVatNumberChecker vat, AssignPackage packages, TimeProvider clock)
{
    /// <summary>The empty form: billing from the first of next month, the first operator chosen.</summary>
    public async Task<ClientForm> NewFormAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var form = new ClientForm { NextBillingDate = new DateOnly(today.Year, today.Month, 1).AddMonths(1) };
        await form.FillChoicesAsync(db, ct);
        form.OperatorId = form.Operators.Count > 0 ? form.Operators[0].Id : Guid.Empty;
        return form;
    }

    public async Task<Result<Client>> HandleAsync(ClientForm form, CancellationToken ct)
    {
        form.Id = null;
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        if (await ClientRules.RefuseAsync(db, vat, form, ct) is { } refused)
        {
            return refused;
        }

        var subAccountName = string.IsNullOrWhiteSpace(form.SubAccountName) ? null : form.SubAccountName.Trim().ToLowerInvariant();
        // Sub-account names are unique across the reseller, also among operators this user does not see.
        if (subAccountName is not null && await db.SubAccounts.IgnoreQueryFilters([PortalDbContext.OperatorScopeFilter]).AnyAsync(s => s.Name == subAccountName, ct))
        {
            return Result.Refused(nameof(form.SubAccountName), "A sub-account with this name already exists.");
        }

        Package? package = null;
        if (form.PackageId is { } packageId)
        {
            package = await db.Packages.SingleOrDefaultAsync(p => p.Id == packageId, ct);
            if (package is null || package.Currency != Currencies.Normalize(form.Currency))
            {
                return Result.Refused(nameof(form.PackageId), "Choose a package in the client's currency.");
            }
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var client = Client.Create(db.Tenant.ResellerId!.Value, form.OperatorId, form.Details(), form.Currency!, form.NextBillingDate!.Value, now, active: !form.StartInWait);
        // A client waiting for activation is SOFT (the validator has refused HARD for it).
        client.ManageBalance(form.StartInWait ? BalanceManagement.Soft : form.BalanceManagement, form.LowBalanceThreshold, form.LowBalanceEmail);
        db.Clients.Add(client);
        await db.SaveChangesAsync(ct);
        if (subAccountName is not null)
        {
            var sub = new SubAccount(client.ResellerId, subAccountName, string.Empty, now);
            sub.ConnectTo(client.Id, now);
            db.SubAccounts.Add(sub);
            if (package is not null)
            {
                await packages.AssignAsync(client, sub, package, form.ChargeSetupFee, ct);
            }

            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return client;
    }
}
