using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Money;
using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain.Payments;

/// <summary>How a client paid (§6, seed 001 "Payments").</summary>
public enum PaymentType
{
    Cash,
    BankTransfer,
    Card,
    Other,
}

/// <summary>
/// Money a client paid (§6, seed 001 "Payments"): a type, the reseller's own payment id (unique per
/// reseller), an amount in the client's currency and a date. It may settle basket items up to its
/// amount; what is not allocated is credit on the client's balance. Its ledger row has the natural key
/// <see cref="LedgerKey"/>; refunds are ledger rows of kind <see cref="LedgerKind.Refund"/> that carry
/// this payment's id, and together never exceed <see cref="Amount"/>. A payment is not edited: a
/// correction is a refund or an adjustment.
/// </summary>
public sealed class Payment : ITenantOwned, IAudited
{
    public const int ReferenceMaxLength = 64;
    public const int NoteMaxLength = 200;

    private Payment()
    {
        Reference = Currency = Note = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ResellerId { get; private set; }

    public Guid ClientId { get; private set; }

    public PaymentType Type { get; private set; }

    /// <summary>The reseller's payment id (a receipt or transfer number); unique per reseller.</summary>
    public string Reference { get; private set; }

    /// <summary>Positive, in <see cref="Currency"/> (the client's).</summary>
    public decimal Amount { get; private set; }

    public string Currency { get; private set; }

    /// <summary>The day the money was received, as typed.</summary>
    public DateOnly Date { get; private set; }

    /// <summary>Free text shown on the ledger row.</summary>
    public string Note { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The natural key of the payment's ledger row.</summary>
    public string LedgerKey => "payment:" + Id.ToString("N");

    public static Payment Record(Guid resellerId, Guid clientId, string currency, PaymentType type, string reference, decimal amount, DateOnly date, string? note, DateTimeOffset now)
    {
        if (amount <= 0m)
        {
            throw new RuleViolationException(nameof(Amount), "Enter a positive amount.");
        }

        if (amount > LedgerEntry.MaxAmount)
        {
            throw new RuleViolationException(nameof(Amount), "That amount is too large.");
        }

        Currencies.RequireMinorUnits(amount, currency, nameof(Amount));
        if (string.IsNullOrWhiteSpace(reference))
        {
            throw new RuleViolationException(nameof(Reference), "Enter the payment id.");
        }

        return new Payment
        {
            Id = Guid.CreateVersion7(now),
            ResellerId = resellerId,
            ClientId = clientId,
            Currency = Currencies.Normalize(currency),
            Type = type,
            Reference = reference.Trim(),
            Amount = amount,
            Date = date,
            Note = note?.Trim() ?? string.Empty,
            CreatedAt = now,
        };
    }

    /// <summary>
    /// Settles <paramref name="items"/> with this payment. Each must be the client's own, in its currency and
    /// unpaid, and together they may not cost more than the payment; the rest of the amount is credit.
    /// </summary>
    public decimal Settle(IReadOnlyCollection<BasketItem> items)
    {
        foreach (var item in items)
        {
            if (item.ClientId != ClientId || item.Currency != Currency)
            {
                throw new RuleViolationException("ItemIds", "Only this client's basket items can be settled by its payment.");
            }

            if (item.Status != BasketItemStatus.Unpaid)
            {
                throw new RuleViolationException("ItemIds", $"Item {item.ItemId} is no longer unpaid; reload the page and choose again.");
            }
        }

        var allocated = items.Sum(i => i.Price);
        if (allocated > Amount)
        {
            throw new RuleViolationException("ItemIds", $"The items ticked come to {Show(allocated)}, more than the payment's {Show(Amount)}.");
        }

        foreach (var item in items)
        {
            item.Settle(Id);
        }

        return allocated;
    }

    /// <summary>What can still be refunded after <paramref name="refunded"/> was.</summary>
    public decimal RefundableAfter(decimal refunded) => Math.Max(0m, Amount - refunded);

    /// <summary>Refuses a refund that is not positive or that, with <paramref name="refunded"/>, would exceed the payment.</summary>
    public void RequireRefundable(decimal refund, decimal refunded)
    {
        if (refund <= 0m)
        {
            throw new RuleViolationException(nameof(Amount), "Enter a positive amount.");
        }

        Currencies.RequireMinorUnits(refund, Currency, nameof(Amount));
        var left = RefundableAfter(refunded);
        if (refund > left)
        {
            throw new RuleViolationException(
                nameof(Amount),
                left == 0m ? "This payment has been refunded in full." : $"At most {Show(left)} of this payment is left to refund.");
        }
    }

    /// <summary>The natural key of a refund's ledger row.</summary>
    public static string RefundKey(Guid refundId) => "refund:" + refundId.ToString("N");

    /// <summary>How the payment is named to the reseller: "P-123 of 2026-11-02, 50.00 EUR".</summary>
    public string Describe() => $"{Reference} of {Date:yyyy-MM-dd}, {Show(Amount)}";

    public static string Label(PaymentType type) => type switch
    {
        PaymentType.Cash => "Cash",
        PaymentType.BankTransfer => "Bank transfer",
        PaymentType.Card => "Card",
        PaymentType.Other => "Other",
    };

    private string Show(decimal amount) => Currencies.Show(amount, Currency);
}
