using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Money;
using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain.Baskets;

/// <summary>Where a basket item is in its life (§6).</summary>
public enum BasketItemStatus
{
    /// <summary>Waiting to be paid; editable.</summary>
    Unpaid,

    /// <summary>Settled by a payment.</summary>
    Paid,

    /// <summary>Withdrawn before it was paid; kept for the record.</summary>
    Cancelled,
}

/// <summary>
/// Something a client is to pay for (§6, seed 001 "Baskets"): a product or a custom line with a price
/// in the client's currency and a due date. Recurring billing charges it to the ledger once when it
/// falls due (<see cref="ChargedAt"/>, natural key <see cref="LedgerKey"/>); a payment settles it
/// (<see cref="PaymentId"/>). A hidden item stays invisible to the client until its due date.
/// </summary>
public sealed class BasketItem : ITenantOwned, IAudited
{
    public const int ProductMaxLength = 100;
    public const int ItemTypeMaxLength = 40;
    public const int ItemIdMaxLength = 64;
    public const int DescriptionMaxLength = 500;

    private BasketItem()
    {
        Product = ItemType = ItemId = Description = Currency = string.Empty;
    }

    private BasketItem(Guid resellerId, Guid clientId, string currency, DateTimeOffset createdAt)
        : this()
    {
        Id = Guid.CreateVersion7(createdAt);
        ResellerId = resellerId;
        ClientId = clientId;
        Currency = Currencies.Normalize(currency);
        Status = BasketItemStatus.Unpaid;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid ResellerId { get; private set; }

    public Guid ClientId { get; private set; }

    /// <summary>What is sold (a package, a DID, an instance, or free text for a custom item).</summary>
    public string Product { get; private set; }

    /// <summary>The kind of line (e.g. "Setup", "Monthly", "Hardware", "Custom").</summary>
    public string ItemType { get; private set; }

    /// <summary>The reseller's own identifier of the line; unique per reseller.</summary>
    public string ItemId { get; private set; }

    public string Description { get; private set; }

    /// <summary>Positive, in <see cref="Currency"/> (the client's), with the currency's decimals.</summary>
    public decimal Price { get; private set; }

    public string Currency { get; private set; }

    public DateOnly DueDate { get; private set; }

    /// <summary>Invisible to the client before <see cref="DueDate"/>.</summary>
    public bool HiddenUntilDue { get; private set; }

    public BasketItemStatus Status { get; private set; }

    /// <summary>When recurring billing charged the price to the ledger; null until it fell due.</summary>
    public DateTimeOffset? ChargedAt { get; private set; }

    /// <summary>The payment that settled the item.</summary>
    public Guid? PaymentId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The natural key of the ledger row that charges this item: one charge per item, ever.</summary>
    public string LedgerKey => "basket:" + Id.ToString("N");

    public static BasketItem Create(
        Guid resellerId, Guid clientId, string currency, string product, string itemType, string itemId, string description, decimal price, DateOnly dueDate, bool hiddenUntilDue, DateTimeOffset now)
    {
        var item = new BasketItem(resellerId, clientId, currency, now);
        item.Describe(product, itemType, itemId, description, price, dueDate, hiddenUntilDue);
        return item;
    }

    /// <summary>Changes the line while it is unpaid; a paid or cancelled item is fixed.</summary>
    public void Edit(string product, string itemType, string itemId, string description, decimal price, DateOnly dueDate, bool hiddenUntilDue)
    {
        RequireUnpaid("edited");
        if (ChargedAt is not null && price != Price)
        {
            throw new RuleViolationException(nameof(Price), "The price was already charged to the client's account; cancel the item and add a new one instead.");
        }

        Describe(product, itemType, itemId, description, price, dueDate, hiddenUntilDue);
    }

    /// <summary>Withdraws an unpaid item. Recurring billing charges nothing for a cancelled item.</summary>
    public void Cancel()
    {
        RequireUnpaid("cancelled");
        Status = BasketItemStatus.Cancelled;
    }

    /// <summary>Marks the item settled by <paramref name="paymentId"/>.</summary>
    public void Settle(Guid paymentId)
    {
        RequireUnpaid("paid");
        Status = BasketItemStatus.Paid;
        PaymentId = paymentId;
    }

    /// <summary>Records that recurring billing charged the price (its ledger row has <see cref="LedgerKey"/>).</summary>
    public void MarkCharged(DateTimeOffset at) => ChargedAt ??= at;

    /// <summary>Whether recurring billing should charge this item on a run for <paramref name="runDate"/>.</summary>
    public bool IsDueForCharge(DateOnly runDate) => Status != BasketItemStatus.Cancelled && ChargedAt is null && DueDate <= runDate;

    /// <summary>Whether the client sees the item on <paramref name="today"/>.</summary>
    public bool IsVisibleToClient(DateOnly today) => !HiddenUntilDue || DueDate <= today;

    private void Describe(string product, string itemType, string itemId, string description, decimal price, DateOnly dueDate, bool hiddenUntilDue)
    {
        if (price <= 0m)
        {
            throw new RuleViolationException(nameof(Price), "The price must be positive.");
        }

        Currencies.RequireMinorUnits(price, Currency, nameof(Price));
        Product = product.Trim();
        ItemType = itemType.Trim();
        ItemId = itemId.Trim();
        Description = description.Trim();
        Price = price;
        DueDate = dueDate;
        HiddenUntilDue = hiddenUntilDue;
    }

    private void RequireUnpaid(string what)
    {
        if (Status != BasketItemStatus.Unpaid)
        {
            throw new RuleViolationException(nameof(Status), $"A {(Status == BasketItemStatus.Paid ? "paid" : "cancelled")} item cannot be {what}.");
        }
    }
}
