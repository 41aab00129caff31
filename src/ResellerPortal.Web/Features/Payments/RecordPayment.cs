using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Payments;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Ledger;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Payments;

/// <summary>A payment as typed (§6, seed 001 "Payments"), with the client's unpaid basket items it settles.</summary>
public sealed class PaymentForm
{
    public PaymentType? Type { get; set; }

    /// <summary>The reseller's payment id.</summary>
    public string? Reference { get; set; }

    public decimal? Amount { get; set; }

    public DateOnly? Date { get; set; }

    public string? Note { get; set; }

    /// <summary>The basket items ticked.</summary>
    public List<Guid> ItemIds { get; set; } = [];

    /// <summary>Ticked after the portal asked whether this is a duplicate of a recent payment: save it anyway.</summary>
    public bool ConfirmDuplicate { get; set; }

    // Shown read-only, filled from the client.
    [BindNever]
    public Guid ClientId { get; set; }

    [BindNever]
    public string? ClientName { get; set; }

    [BindNever]
    public string? Currency { get; set; }

    [BindNever]
    public IReadOnlyList<BasketItem> UnpaidItems { get; set; } = [];
}

public sealed class PaymentFormValidator : AbstractValidator<PaymentForm>
{
    public PaymentFormValidator()
    {
        RuleFor(x => x.Type).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Choose how the client paid.")
            .IsInEnum().WithMessage("Choose cash, bank transfer, card or other.");
        RuleFor(x => x.Reference).Cascade(CascadeMode.Stop)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Enter the payment id (a receipt or transfer number).")
            .MaximumLength(Payment.ReferenceMaxLength);
        RuleFor(x => x.Amount).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter the amount.")
            .GreaterThan(0m).WithMessage("Enter a positive amount.")
            .LessThanOrEqualTo(LedgerEntry.MaxAmount).WithMessage("That amount is too large.");
        RuleFor(x => x.Date).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter the date the money was received.")
            .WithinPortalDates();
        RuleFor(x => x.Note).MaximumLength(Payment.NoteMaxLength);
        RuleFor(x => x.ItemIds).Must(ids => ids.Count <= RecordPayment.MaxItems).WithMessage($"Settle at most {RecordPayment.MaxItems} items with one payment.");
    }
}

/// <summary>
/// Records a payment in the client's currency and settles the basket items ticked, all in one
/// transaction: the payment, the items marked paid (locked first, so two payments cannot settle one
/// item) and its ledger row (key <c>payment:{id}</c>) through <see cref="ClientLedger"/>, whose balance
/// rules may re-activate a client the system suspended. The items may not cost more than the amount;
/// the rest is credit. A payment id already used is refused with that payment named (it is the same
/// reseller's); the same amount and type on the same client within 7 days is asked about first.
/// </summary>
public sealed class RecordPayment(PortalDbContext db, IValidator<PaymentForm> validator, ClientLedger ledger, AuditActorAccessor actors, TimeProvider clock, Auth.Permissions can)
{
    public const int MaxItems = 200;

    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromDays(7);

    public async Task<Result<PaymentForm>> LoadAsync(Guid clientId, PaymentForm form, CancellationToken ct)
    {
        if (await DescribeAsync(clientId, form, ct) is null)
        {
            return Result.NotFound;
        }

        form.Date ??= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return form;
    }

    public async Task<Result<Payment>> HandleAsync(Guid clientId, PaymentForm form, CancellationToken ct)
    {
        var client = await DescribeAsync(clientId, form, ct);
        if (client is null)
        {
            return Result.NotFound;
        }

        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        if (await can.RefuseMoneyMoveAsync(nameof(PaymentForm.Amount)) is { } noMoneyRights)
        {
            return noMoneyRights;
        }

        var reference = form.Reference!.Trim();
        var taken = await db.Payments.IgnoreQueryFilters()
            .Where(p => p.ResellerId == client.ResellerId && p.Reference == reference)
            .Join(db.Clients.IgnoreQueryFilters(), p => p.ClientId, c => c.Id, (p, c) => new { Payment = p, c.FirstName, c.LastName })
            .FirstOrDefaultAsync(ct);
        if (taken is not null)
        {
            var holder = string.IsNullOrEmpty(taken.LastName) ? taken.FirstName : taken.FirstName + " " + taken.LastName;
            return Result.Refused(nameof(form.Reference), $"This payment id is already used: {taken.Payment.Describe()}, {holder}.");
        }

        var now = clock.GetUtcNow();
        var amount = form.Amount!.Value;
        if (!form.ConfirmDuplicate)
        {
            var since = now - DuplicateWindow;
            var twin = await db.Payments.AsNoTracking()
                .Where(p => p.ClientId == client.Id && p.Amount == amount && p.Type == form.Type && p.CreatedAt >= since)
                .OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(ct);
            if (twin is not null)
            {
                return Result.Refused(
                    nameof(form.ConfirmDuplicate),
                    $"This looks like a duplicate of payment {twin.Describe()} ({Payment.Label(twin.Type).ToLowerInvariant()}) recorded {twin.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC. Save anyway?");
            }
        }

        var ids = form.ItemIds.Distinct().ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (ids.Count > 0)
        {
            // Two payments ticking the same item: the second waits here, then finds it paid.
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "BasketItems" WHERE "Id" = ANY({ids}) AND "ClientId" = {client.Id} ORDER BY "Id" FOR UPDATE""", ct);
        }

        var items = await db.BasketItems.Where(b => ids.Contains(b.Id) && b.ClientId == client.Id).ToListAsync(ct);
        if (items.Count != ids.Count)
        {
            return Result.Refused(nameof(form.ItemIds), "One of the items ticked is not this client's open basket item any more; reload the page and choose again.");
        }

        var payment = Payment.Record(client.ResellerId, client.Id, client.Currency, form.Type!.Value, reference, amount, form.Date!.Value, form.Note, now);
        db.Payments.Add(payment);
        payment.Settle(items);
        var description = $"Payment {payment.Reference} ({Payment.Label(payment.Type).ToLowerInvariant()}, {payment.Date:yyyy-MM-dd})"
            + (payment.Note.Length > 0 ? ": " + payment.Note : string.Empty);
        await ledger.PostAsync(
            LedgerEntry.Record(client.ResellerId, client.Id, LedgerKind.Payment, amount, client.Currency, Truncate(description), payment.LedgerKey, now, actors.Current(), payment.Id),
            ct);
        await transaction.CommitAsync(ct);
        return payment;
    }

    private async Task<Client?> DescribeAsync(Guid clientId, PaymentForm form, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is not null)
        {
            (form.ClientId, form.ClientName, form.Currency) = (client.Id, client.DisplayName, client.Currency);
            form.UnpaidItems = await db.BasketItems.AsNoTracking()
                .Where(b => b.ClientId == client.Id && b.Status == BasketItemStatus.Unpaid)
                .OrderBy(b => b.DueDate).ThenBy(b => b.Id).Take(MaxItems).ToListAsync(ct);
        }

        return client;
    }

    private static string Truncate(string text) => text.Length <= LedgerEntry.DescriptionMaxLength ? text : text[..LedgerEntry.DescriptionMaxLength];
}
