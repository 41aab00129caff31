using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain.Dids;

/// <summary>The terms of a DID's connection to a sub-account, in the client's currency (§5).</summary>
public sealed record DidTerms(
    decimal SetupFee,
    decimal MonthlyFee,
    decimal PerMinuteRate,
    DateOnly BillingStart,
    bool IncludedInUnlimitedPlan = false,
    string? ForwardTo = null,
    string? VoicemailEmail = null);

/// <summary>
/// A phone number (DID/DDI) in E.164 held by exactly one reseller (§5), free or connected to a
/// sub-account of one of the reseller's clients. Charges are free until <see cref="BillingStart"/>.
/// Each connection gets its own id, the natural key of its one-off setup charge.
/// </summary>
public sealed class Did : ITenantOwned, IAudited
{
    public const int DescriptionMaxLength = 200;

    /// <summary>The largest range added at once.</summary>
    public const int MaxRange = 10_000;

    private Did()
    {
        Number = string.Empty;
        Description = string.Empty;
    }

    public Did(Guid resellerId, string e164, string description, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        ResellerId = resellerId;
        Number = PhoneNumber.NormalizeE164(e164) ?? throw new ArgumentException("Not an E.164 number.", nameof(e164));
        Description = description.Trim();
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid ResellerId { get; private set; }

    public string Number { get; private set; }

    public string Description { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid? SubAccountId { get; private set; }

    public Guid? ConnectionId { get; private set; }

    public DateTimeOffset? ConnectedAt { get; private set; }

    public decimal SetupFee { get; private set; }

    public decimal MonthlyFee { get; private set; }

    /// <summary>Per-minute rate of incoming calls on this number.</summary>
    public decimal PerMinuteRate { get; private set; }

    public DateOnly? BillingStart { get; private set; }

    /// <summary>The number is included in the client's unlimited plan (seed 001).</summary>
    public bool IncludedInUnlimitedPlan { get; private set; }

    /// <summary>Incoming calls are forwarded to this E.164 number instead of the sub-account.</summary>
    public string? ForwardTo { get; private set; }

    /// <summary>A voicemail for the number sends its messages here.</summary>
    public string? VoicemailEmail { get; private set; }

    public bool IsConnected => SubAccountId is not null;

    public void Describe(string description) => Description = description.Trim();

    public void Connect(Guid subAccountId, DidTerms terms, DateTimeOffset now)
    {
        if (IsConnected)
        {
            throw new RuleViolationException(nameof(Number), $"{Number} is already connected; unconnect or swap it first.");
        }

        SubAccountId = subAccountId;
        ConnectionId = Guid.CreateVersion7(now);
        ConnectedAt = now;
        ChangeTerms(terms);
    }

    public void ChangeTerms(DidTerms terms)
    {
        RefuseNegative(nameof(SetupFee), terms.SetupFee);
        RefuseNegative(nameof(MonthlyFee), terms.MonthlyFee);
        RefuseNegative(nameof(PerMinuteRate), terms.PerMinuteRate);
        SetupFee = terms.SetupFee;
        MonthlyFee = terms.MonthlyFee;
        PerMinuteRate = terms.PerMinuteRate;
        BillingStart = terms.BillingStart;
        IncludedInUnlimitedPlan = terms.IncludedInUnlimitedPlan;
        ForwardTo = string.IsNullOrWhiteSpace(terms.ForwardTo) ? null : PhoneNumber.NormalizeE164(terms.ForwardTo)
            ?? throw new RuleViolationException(nameof(ForwardTo), "The forwarding number must be in E.164, e.g. +447700900000.");
        VoicemailEmail = string.IsNullOrWhiteSpace(terms.VoicemailEmail) ? null : terms.VoicemailEmail.Trim().ToLowerInvariant();
    }

    public DidTerms Terms => new(SetupFee, MonthlyFee, PerMinuteRate, BillingStart ?? DateOnly.MinValue, IncludedInUnlimitedPlan, ForwardTo, VoicemailEmail);

    public void Unconnect()
    {
        if (!IsConnected)
        {
            throw new RuleViolationException(string.Empty, $"{Number} is not connected.");
        }

        SubAccountId = null;
        ConnectionId = null;
        ConnectedAt = null;
        SetupFee = MonthlyFee = PerMinuteRate = 0m;
        BillingStart = null;
        IncludedInUnlimitedPlan = false;
        ForwardTo = null;
        VoicemailEmail = null;
    }

    /// <summary>
    /// Puts <paramref name="replacement"/> in this number's place on the same sub-account with the same
    /// terms (seed 001 "Swap"), e.g. when a client changes number. This one becomes free.
    /// </summary>
    public void SwapWith(Did replacement, DateTimeOffset now)
    {
        if (!IsConnected)
        {
            throw new RuleViolationException("Replacement", $"{Number} is not connected, so there is nothing to swap.");
        }

        if (replacement.IsConnected)
        {
            throw new RuleViolationException("Replacement", $"{replacement.Number} is already connected.");
        }

        var subAccount = SubAccountId!.Value;
        var terms = Terms;
        Unconnect();
        replacement.Connect(subAccount, terms, now);
    }

    internal static void RefuseNegative(string field, decimal amount)
    {
        if (amount < 0m)
        {
            throw new RuleViolationException(field, "Enter an amount of 0 or more.");
        }
    }
}

/// <summary>
/// The reseller's default terms for a new DID connection (§5), in the client's currency; each
/// connection starts from these and may change them.
/// </summary>
public sealed class DidDefaults : ITenantOwned, IAudited
{
    private DidDefaults()
    {
    }

    public DidDefaults(Guid resellerId, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        ResellerId = resellerId;
    }

    public Guid Id { get; private set; }

    public Guid ResellerId { get; private set; }

    public decimal SetupFee { get; private set; }

    public decimal MonthlyFee { get; private set; }

    public decimal PerMinuteRate { get; private set; }

    /// <summary>Days from connection until billing starts (free period).</summary>
    public int FreeDays { get; private set; }

    public void Change(decimal setupFee, decimal monthlyFee, decimal perMinuteRate, int freeDays)
    {
        Did.RefuseNegative(nameof(SetupFee), setupFee);
        Did.RefuseNegative(nameof(MonthlyFee), monthlyFee);
        Did.RefuseNegative(nameof(PerMinuteRate), perMinuteRate);
        if (freeDays < 0)
        {
            throw new RuleViolationException(nameof(FreeDays), "Enter 0 or more days.");
        }

        SetupFee = setupFee;
        MonthlyFee = monthlyFee;
        PerMinuteRate = perMinuteRate;
        FreeDays = freeDays;
    }

    public DidTerms TermsFor(DateOnly today) => new(SetupFee, MonthlyFee, PerMinuteRate, today.AddDays(FreeDays));
}
