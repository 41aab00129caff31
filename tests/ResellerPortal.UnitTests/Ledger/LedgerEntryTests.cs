using ResellerPortal.Domain;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Money;

namespace ResellerPortal.UnitTests.Ledger;

public sealed class LedgerEntryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly AuditActor Actor = new(Guid.NewGuid(), "reseller1@demo.local", null, null, null);

    private static LedgerEntry Record(LedgerKind kind, decimal amount, string currency = "EUR") =>
        LedgerEntry.Record(Guid.NewGuid(), Guid.NewGuid(), kind, amount, currency, "Manual", LedgerEntry.ManualKey(Guid.NewGuid()), Now, Actor);

    [Theory]
    [InlineData(LedgerKind.Payment, 20, 20)]
    [InlineData(LedgerKind.Charge, 5, -5)]
    [InlineData(LedgerKind.Refund, 3, -3)]
    [InlineData(LedgerKind.Adjustment, -2, -2)]
    [InlineData(LedgerKind.Adjustment, 2, 2)]
    public void The_amount_is_stored_with_its_effect_on_the_balance(LedgerKind kind, int amount, int effect) =>
        Assert.Equal(effect, Record(kind, amount).Amount);

    [Fact]
    public void The_balance_is_the_sum_of_the_rows()
    {
        var rows = new[] { Record(LedgerKind.Payment, 50m), Record(LedgerKind.Charge, 10m), Record(LedgerKind.Charge, 0.01m), Record(LedgerKind.Refund, 5m) };

        Assert.Equal(34.99m, rows.Sum(r => r.Amount));
    }

    [Theory]
    [InlineData(LedgerKind.Payment, 0)]
    [InlineData(LedgerKind.Charge, -1)]
    [InlineData(LedgerKind.Adjustment, 0)]
    public void Zero_or_wrong_signed_amounts_are_refused(LedgerKind kind, int amount) =>
        Assert.Throws<RuleViolationException>(() => Record(kind, amount));

    [Fact]
    public void An_amount_finer_than_the_currency_is_refused()
    {
        Assert.Equal("EUR has 2 decimals: enter at most 2 digits after the point.", Assert.Throws<TooManyDecimalsException>(() => Record(LedgerKind.Payment, 1.005m)).Message);
        Assert.Equal("JPY has no decimals: enter a whole amount.", Assert.Throws<TooManyDecimalsException>(() => Record(LedgerKind.Payment, 1.5m, "JPY")).Message);
        Assert.Equal(1.005m, Record(LedgerKind.Payment, 1.005m, "KWD").Amount);
    }

    [Fact]
    public void Currencies_round_half_away_from_zero_to_their_minor_unit()
    {
        Assert.Equal(0.03m, Currencies.Round(0.025m, "EUR"));
        Assert.Equal(-0.03m, Currencies.Round(-0.025m, "EUR"));
        Assert.Equal(3m, Currencies.Round(2.5m, "JPY"));
        Assert.Equal(1.235m, Currencies.Round(1.2345m, "BHD"));
    }
}
