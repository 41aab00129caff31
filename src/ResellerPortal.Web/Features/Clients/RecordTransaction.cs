using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Money;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Ledger;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Clients;

/// <summary>A manual payment or charge typed on the client's page (seed 003: amount and description, dated today).</summary>
public sealed class TransactionForm
{
    public LedgerKind Kind { get; set; } = LedgerKind.Payment;

    public decimal? Amount { get; set; }

    public string? Description { get; set; }

    /// <summary>Set once when the form is shown, so a double submit records one row, not two.</summary>
    public Guid SubmissionId { get; set; }

    /// <summary>Ticked after the portal asked whether this is a duplicate of a recent row: save it anyway.</summary>
    public bool ConfirmDuplicate { get; set; }
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

/// <summary>
/// Records a manual transaction in the client's currency through the ledger (<see cref="ClientLedger"/>),
/// so the balance rules follow. More decimals than the currency has is the ledger's refusal beside the
/// amount (0.001 EUR); a repeated submission (same form id) records nothing; the same kind, amount and
/// description on the same client within <see cref="DuplicateWindow"/> is asked about before it is saved
/// (issue 11's duplicate-charge guard).
/// </summary>
public sealed class RecordTransaction(PortalDbContext db, IValidator<TransactionForm> validator, AuditActorAccessor actors, ClientLedger ledger, TimeProvider clock, Auth.Permissions can)
{
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromDays(7);

    public async Task<Result<Client>> HandleAsync(Guid clientId, TransactionForm form, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null)
        {
            return Result.NotFound;
        }

        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        if (await can.RefuseMoneyMoveAsync(nameof(TransactionForm.Amount)) is { } noMoneyRights)
        {
            return noMoneyRights;
        }

        var key = LedgerEntry.ManualKey(form.SubmissionId == Guid.Empty ? Guid.CreateVersion7() : form.SubmissionId);
        if (await db.LedgerEntries.AnyAsync(l => l.Key == key, ct))
        {
            return client;
        }

        var now = clock.GetUtcNow();
        var entry = LedgerEntry.Record(client.ResellerId, client.Id, form.Kind, form.Amount!.Value, client.Currency, form.Description!, key, now, actors.Current());
        if (!form.ConfirmDuplicate)
        {
            var since = now - DuplicateWindow;
            var description = entry.Description;
            var twin = await db.LedgerEntries.AsNoTracking()
                .Where(l => l.ClientId == client.Id && l.Kind == entry.Kind && l.Amount == entry.Amount && l.Description == description && l.At >= since)
                .OrderByDescending(l => l.At).FirstOrDefaultAsync(ct);
            if (twin is not null)
            {
                return Result.Refused(
                    nameof(form.ConfirmDuplicate),
                    $"This looks like a duplicate of the {twin.Kind.ToString().ToLowerInvariant()} of {Currencies.Show(Math.Abs(twin.Amount), twin.Currency)} \"{twin.Description}\" recorded {twin.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC by {twin.ActorName}. Save anyway?");
            }
        }

        await ledger.PostAsync(entry, ct);
        return client;
    }
}
