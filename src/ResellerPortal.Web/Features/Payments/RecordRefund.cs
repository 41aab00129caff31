using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Payments;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Ledger;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Payments;

/// <summary>A refund of part or all of a payment.</summary>
public sealed class RefundForm
{
    public decimal? Amount { get; set; }

    public string? Reason { get; set; }

    /// <summary>Set once when the form is shown, so a double submit refunds once.</summary>
    public Guid SubmissionId { get; set; }

    [BindNever]
    public Payment? Payment { get; set; }

    [BindNever]
    public string? ClientName { get; set; }

    /// <summary>What is left to refund when the form was shown.</summary>
    [BindNever]
    public decimal Refundable { get; set; }
}

public sealed class RefundFormValidator : AbstractValidator<RefundForm>
{
    public RefundFormValidator()
    {
        RuleFor(x => x.Amount).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter the amount to refund.")
            .GreaterThan(0m).WithMessage("Enter a positive amount.")
            .LessThanOrEqualTo(LedgerEntry.MaxAmount).WithMessage("That amount is too large.");
        RuleFor(x => x.Reason).MaximumLength(LedgerEntry.DescriptionMaxLength - 40);
    }
}

/// <summary>
/// Refunds part or all of a payment: never more than is left of it, even when two refunds are posted at
/// once. Inside one transaction the payment's row is locked (FOR UPDATE), its refunds so far are summed
/// again (the second of two concurrent refunds sees the first's row once the first commits), and the
/// refund is posted through <see cref="ClientLedger"/> as a <see cref="LedgerKind.Refund"/> row carrying
/// the payment's id, key <c>refund:{submission}</c>. The basket items the payment settled stay paid.
/// </summary>
public sealed class RecordRefund(PortalDbContext db, IValidator<RefundForm> validator, ClientLedger ledger, AuditActorAccessor actors, TimeProvider clock, Auth.Permissions can)
{
    public async Task<Result<RefundForm>> LoadAsync(Guid paymentId, RefundForm form, CancellationToken ct)
    {
        if (!await DescribeAsync(paymentId, form, ct))
        {
            return Result.NotFound;
        }

        if (form.SubmissionId == Guid.Empty)
        {
            form.SubmissionId = Guid.CreateVersion7();
        }

        return form;
    }

    public async Task<Result<Payment>> HandleAsync(Guid paymentId, RefundForm form, CancellationToken ct)
    {
        if (!await DescribeAsync(paymentId, form, ct))
        {
            return Result.NotFound;
        }

        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        if (await can.RefuseMoneyMoveAsync(nameof(RefundForm.Amount)) is { } noMoneyRights)
        {
            return noMoneyRights;
        }

        var payment = form.Payment!;
        var key = Payment.RefundKey(form.SubmissionId == Guid.Empty ? Guid.CreateVersion7() : form.SubmissionId);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Payments" WHERE "Id" = {payment.Id} FOR UPDATE""", ct);
        if (await db.LedgerEntries.IgnoreQueryFilters().AnyAsync(l => l.ResellerId == payment.ResellerId && l.Key == key, ct))
        {
            // The same form posted twice: the first post refunded.
            return payment;
        }

        var refunded = await RefundedAsync(db, payment.Id, ct);
        payment.RequireRefundable(form.Amount!.Value, refunded);
        var reason = string.IsNullOrWhiteSpace(form.Reason) ? string.Empty : ": " + form.Reason.Trim();
        await ledger.PostAsync(
            LedgerEntry.Record(payment.ResellerId, payment.ClientId, LedgerKind.Refund, form.Amount.Value, payment.Currency,
                $"Refund of payment {payment.Reference}{reason}", key, clock.GetUtcNow(), actors.Current(), payment.Id),
            ct);
        await transaction.CommitAsync(ct);
        return payment;
    }

    /// <summary>The total refunded of a payment so far (a positive amount).</summary>
    public static async Task<decimal> RefundedAsync(PortalDbContext db, Guid paymentId, CancellationToken ct) =>
        -await db.LedgerEntries.IgnoreQueryFilters().Where(l => l.PaymentId == paymentId && l.Kind == LedgerKind.Refund).SumAsync(l => l.Amount, ct);

    private async Task<bool> DescribeAsync(Guid paymentId, RefundForm form, CancellationToken ct)
    {
        var found = await db.Payments.AsNoTracking().Where(p => p.Id == paymentId)
            .Join(db.Clients, p => p.ClientId, c => c.Id, (p, c) => new { Payment = p, c.FirstName, c.LastName })
            .SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return false;
        }

        form.Payment = found.Payment;
        form.ClientName = string.IsNullOrEmpty(found.LastName) ? found.FirstName : found.FirstName + " " + found.LastName;
        form.Refundable = found.Payment.RefundableAfter(await RefundedAsync(db, paymentId, ct));
        return true;
    }
}
