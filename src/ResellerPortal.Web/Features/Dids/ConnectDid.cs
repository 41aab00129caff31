using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Money;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Dids;

/// <summary>Connect a DID to a sub-account with its charges (seed 003 "Setting up the charges for those DID(s)").</summary>
public sealed class ConnectDidForm
{
    public string? Number { get; set; }

    public decimal? SetupFee { get; set; }

    public decimal? MonthlyFee { get; set; }

    public decimal? PerMinuteRate { get; set; }

    public DateOnly? BillingStart { get; set; }

    public bool IncludedInUnlimitedPlan { get; set; }

    public string? ForwardTo { get; set; }

    public string? VoicemailEmail { get; set; }

    /// <summary>Charge the setup fee at connection: off until ticked, as when a package is assigned.</summary>
    public bool ChargeSetupFee { get; set; }

    public DidTerms Terms() => new(
        SetupFee ?? 0m, MonthlyFee ?? 0m, PerMinuteRate ?? 0m, BillingStart!.Value, IncludedInUnlimitedPlan,
        string.IsNullOrWhiteSpace(ForwardTo) ? null : ForwardTo, VoicemailEmail);
}

public sealed class ConnectDidFormValidator : AbstractValidator<ConnectDidForm>
{
    public ConnectDidFormValidator()
    {
        RuleFor(x => x.Number).Must(v => PhoneNumber.Problem(v) is null)
            .WithMessage((_, v) => $"{PhoneNumber.Problem(v)} Enter the DID in E.164, e.g. +442079460000.");
        RuleFor(x => x.SetupFee).Must(v => v is null or >= 0m and <= LedgerEntry.MaxAmount).WithMessage("Enter a fee of 0 or more.");
        RuleFor(x => x.MonthlyFee).Must(v => v is null or >= 0m and <= LedgerEntry.MaxAmount).WithMessage("Enter a fee of 0 or more.");
        RuleFor(x => x.PerMinuteRate).Must(v => v is null or >= 0m and <= 1000m).WithMessage("Enter a rate of 0 or more.");
        RuleFor(x => x.BillingStart).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter the date billing starts (free until then).")
            .WithinPortalDates();
        RuleFor(x => x.ForwardTo).Must(v => string.IsNullOrWhiteSpace(v) || PhoneNumber.Problem(v) is null)
            .WithMessage((_, v) => $"{PhoneNumber.Problem(v)} Enter the forwarding number in E.164, or leave it empty.");
        RuleFor(x => x.VoicemailEmail).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.VoicemailEmail))
            .WithMessage("Enter an email address for the voicemail messages.");
        RuleFor(x => x.VoicemailEmail).MaximumLength(Client.EmailMaxLength)
            .WithMessage($"An email address has at most {Client.EmailMaxLength} characters.");
    }
}

/// <summary>
/// Connects a free DID to a connected sub-account, with fees in the client's currency (no more decimals than
/// it has), charging its setup fee when asked; the connection's id is the charge's natural key.
/// </summary>
/// <summary>The number connected, and the sub-account it now rings.</summary>
public sealed record ConnectedDid(Did Did, string SubAccountName);

public sealed class ConnectDid(PortalDbContext db, IValidator<ConnectDidForm> validator, AuditActorAccessor actors, ResellerPortal.Web.Ledger.ClientLedger ledger, TimeProvider clock)
{
    /// <summary>The form as the sub-account page opens it: the reseller's default terms, named rather than left to the tenant filter, which lets the provider's staff see every reseller's.</summary>
    public async Task<ConnectDidForm> BlankAsync(Guid resellerId, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var defaults = await db.DidDefaults.SingleOrDefaultAsync(d => d.ResellerId == resellerId, ct);
        var terms = defaults?.TermsFor(today) ?? new DidTerms(0m, 0m, 0m, today);
        return new ConnectDidForm { SetupFee = terms.SetupFee, MonthlyFee = terms.MonthlyFee, PerMinuteRate = terms.PerMinuteRate, BillingStart = terms.BillingStart };
    }

    public async Task<Result<ConnectedDid>> HandleAsync(Guid subAccountId, ConnectDidForm form, CancellationToken ct)
    {
        var sub = await db.SubAccounts.SingleOrDefaultAsync(s => s.Id == subAccountId, ct);
        if (sub is null)
        {
            return Result.NotFound;
        }

        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        if (sub.ClientId is not { } clientId)
        {
            return Result.Refused(string.Empty, "Connect the sub-account to a client first.");
        }

        var number = PhoneNumber.NormalizeE164(form.Number);
        var did = await db.Dids.SingleOrDefaultAsync(d => d.Number == number, ct);
        if (did is null)
        {
            return Result.Refused(nameof(form.Number), "You hold no such number. Add it under DIDs first.");
        }

        var client = await db.Clients.SingleAsync(c => c.Id == clientId, ct);
        var terms = form.Terms();
        var tooPrecise = new[] { (Field: nameof(form.SetupFee), Amount: terms.SetupFee), (Field: nameof(form.MonthlyFee), Amount: terms.MonthlyFee) }
            .Where(f => !Currencies.FitsMinorUnits(f.Amount, client.Currency))
            .Select(f => new Refusal(f.Field, $"{client.Currency} amounts have at most {Currencies.MinorUnits(client.Currency)} decimals."))
            .ToList();
        if (tooPrecise.Count > 0)
        {
            return new Refusals(tooPrecise);
        }

        var now = clock.GetUtcNow();
        did.Connect(sub.Id, terms, now);
        if (form.ChargeSetupFee && terms.SetupFee > 0m)
        {
            // Saves the connection with the charge in one transaction and applies the balance rules.
            await ledger.PostAsync(LedgerEntry.Record(
                client.ResellerId, client.Id, LedgerKind.Charge, terms.SetupFee, client.Currency,
                $"DID setup fee: {did.Number}", $"did-setup:{did.ConnectionId:N}", now, actors.Current()), ct);
        }

        await db.SaveChangesAsync(ct);
        return new ConnectedDid(did, sub.Name);
    }
}
