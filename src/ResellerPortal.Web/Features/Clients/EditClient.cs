using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Money;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Clients;

/// <summary>
/// Saves the edit of a client's details. The currency changes only while nothing is booked in the old
/// one (no ledger row, no package on a sub-account); WAIT is kept until the client is activated.
/// </summary>
public sealed class EditClient(PortalDbContext db, IValidator<ClientForm> validator, IVatNumberChecker vat)
{
    /// <summary>The form as the edit page opens it.</summary>
    public async Task<Result<ClientForm>> LoadAsync(Guid id, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return Result.NotFound;
        }

        var form = ClientForm.From(client);
        await form.FillChoicesAsync(db, ct);
        return form;
    }

    public async Task<Result<Client>> HandleAsync(Guid id, ClientForm form, CancellationToken ct)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return Result.NotFound;
        }

        // What the edit form does not change comes from the stored client.
        form.Id = id;
        form.StartInWait = client.Status == ClientStatus.Wait;
        form.SubAccountName = null;
        form.PackageId = null;
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        if (await ClientRules.RefuseAsync(db, vat, form, ct) is { } refused)
        {
            return refused;
        }

        if (await RefusalToChangeCurrencyAsync(client, form.Currency, ct) is { } currency)
        {
            return currency;
        }

        client.Update(form.Details());
        client.MoveToOperator(form.OperatorId);
        client.ChangeCurrency(form.Currency!);
        client.ScheduleNextBilling(form.NextBillingDate!.Value);
        client.ManageBalance(form.BalanceManagement, form.LowBalanceThreshold, form.LowBalanceEmail);
        await db.SaveChangesAsync(ct);
        return client;
    }

    /// <summary>Why the client's currency cannot change: its ledger or packages are in the old one.</summary>
    private async Task<Refusal?> RefusalToChangeCurrencyAsync(Client client, string? currency, CancellationToken ct)
    {
        if (Currencies.Normalize(currency) == client.Currency)
        {
            return null;
        }

        if (await db.LedgerEntries.AnyAsync(l => l.ClientId == client.Id, ct))
        {
            return Result.Refused(nameof(ClientForm.Currency), $"The client has transactions in {client.Currency}; the currency cannot change any more.");
        }

        return await db.SubAccounts.AnyAsync(s => s.ClientId == client.Id && s.PackageId != null, ct)
            ? Result.Refused(nameof(ClientForm.Currency), $"Packages in {client.Currency} are assigned to this client's sub-accounts; remove them first.")
            : null;
    }
}
