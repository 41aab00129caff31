using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Money;
using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain.Ledger;

/// <summary>The kinds of rows on a client's ledger (§6).</summary>
public enum LedgerKind
{
    /// <summary>Money the client owes: fees, calls, manual charges. Lowers the balance.</summary>
    Charge,

    /// <summary>Money the client paid. Raises the balance.</summary>
    Payment,

    /// <summary>Money paid back to the client (a payment returned). Lowers the balance.</summary>
    Refund,

    /// <summary>A correction either way.</summary>
    Adjustment,
}

/// <summary>
/// One append-only row of a client's account (§6). <see cref="Amount"/> is signed as it affects the
/// balance (a charge of 5 is stored as −5), so the balance is simply the sum of the client's rows.
/// Nothing changes or deletes a row; a correction is a new row. <see cref="Key"/> is a natural key,
/// unique per reseller, so a job can write its charge for (client, source, period) idempotently:
/// e.g. <c>package-fee:{subAccountId}:2026-12</c>, or <c>manual:{guid}</c> for one typed by a person.
/// </summary>
public sealed class LedgerEntry : ITenantOwned, IAudited
{
    public const int DescriptionMaxLength = 200;
    public const int KeyMaxLength = 200;

    /// <summary>The largest single amount accepted, a guard against typos (a few extra zeros).</summary>
    public const decimal MaxAmount = 1_000_000m;

    private LedgerEntry()
    {
        Currency = Description = Key = ActorName = string.Empty;
    }

    private LedgerEntry(Guid resellerId, Guid clientId, LedgerKind kind, decimal signedAmount, string currency, string description, string key, DateTimeOffset at, AuditActor actor, Guid? paymentId)
    {
        if (description.Trim().Length == 0)
        {
            throw new ArgumentException("A ledger row needs a description.", nameof(description));
        }

        Currencies.RequireMinorUnits(signedAmount, currency);
        Id = Guid.CreateVersion7(at);
        ResellerId = resellerId;
        ClientId = clientId;
        Kind = kind;
        Amount = signedAmount;
        Currency = Currencies.Normalize(currency);
        Description = description.Trim();
        Key = key;
        At = at;
        ActorUserId = actor.UserId;
        ActorName = actor.Name;
        RealActorUserId = actor.RealUserId;
        RealActorName = actor.RealName;
        PaymentId = paymentId;
    }

    public Guid Id { get; private set; }

    public Guid ResellerId { get; private set; }

    public Guid ClientId { get; private set; }

    public LedgerKind Kind { get; private set; }

    /// <summary>Signed effect on the balance, in <see cref="Currency"/>.</summary>
    public decimal Amount { get; private set; }

    public string Currency { get; private set; }

    public string Description { get; private set; }

    public string Key { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid? ActorUserId { get; private set; }

    /// <summary>Who wrote the row: a person's login or "system:&lt;job&gt;".</summary>
    public string ActorName { get; private set; }

    /// <summary>The person really acting when <see cref="ActorName"/> was impersonated (§8); null otherwise.</summary>
    public Guid? RealActorUserId { get; private set; }

    /// <summary>The login of <see cref="RealActorUserId"/>.</summary>
    public string? RealActorName { get; private set; }

    /// <summary>The payment a payment or refund row belongs to (<c>Payments</c>); null for other rows.</summary>
    public Guid? PaymentId { get; private set; }

    /// <summary>Records an amount of <paramref name="kind"/>; <paramref name="amount"/> is positive except for adjustments, which carry their sign.</summary>
    public static LedgerEntry Record(
        Guid resellerId, Guid clientId, LedgerKind kind, decimal amount, string currency, string description, string key, DateTimeOffset at, AuditActor actor, Guid? paymentId = null)
    {
        if (kind == LedgerKind.Adjustment ? amount == 0m : amount <= 0m)
        {
            throw new RuleViolationException("Amount", kind == LedgerKind.Adjustment ? "An adjustment cannot be zero." : "The amount must be positive.");
        }

        if (Math.Abs(amount) > MaxAmount)
        {
            throw new RuleViolationException("Amount", "The amount is too large.");
        }

        var signed = kind switch
        {
            LedgerKind.Charge or LedgerKind.Refund => -amount,
            LedgerKind.Payment or LedgerKind.Adjustment => amount,
        };
        return new LedgerEntry(resellerId, clientId, kind, signed, currency, description, key, at, actor, paymentId);
    }

    /// <summary>The natural key of a row typed by a person: each submission is its own row.</summary>
    public static string ManualKey(Guid submissionId) => "manual:" + submissionId.ToString("N");
}
