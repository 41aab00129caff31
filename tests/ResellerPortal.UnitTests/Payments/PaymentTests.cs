using ResellerPortal.Domain;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Money;
using ResellerPortal.Domain.Payments;

namespace ResellerPortal.UnitTests.Payments;

public sealed class PaymentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Reseller = Guid.NewGuid();
    private static readonly Guid Client = Guid.NewGuid();

    private static Payment Pay(decimal amount, string currency = "EUR") =>
        Payment.Record(Reseller, Client, currency, PaymentType.BankTransfer, " P-1 ", amount, new DateOnly(2026, 11, 20), null, Now);

    private static BasketItem Item(string id, decimal price, Guid? client = null, string currency = "EUR") =>
        BasketItem.Create(Reseller, client ?? Client, currency, "Router", "Hardware", id, "", price, new DateOnly(2026, 12, 1), false, Now);

    [Fact]
    public void A_payment_settles_items_up_to_its_amount_and_the_rest_is_credit()
    {
        var payment = Pay(50m);
        var a = Item("A", 20m);
        var b = Item("B", 30m);

        var allocated = payment.Settle([a, b]);

        Assert.Equal(50m, allocated);
        Assert.Equal((BasketItemStatus.Paid, payment.Id), (a.Status, a.PaymentId));
        Assert.Equal("P-1", payment.Reference);
    }

    [Fact]
    public void Items_costing_more_than_the_payment_are_refused_and_none_is_settled()
    {
        var payment = Pay(49.99m);
        var a = Item("A", 20m);
        var b = Item("B", 30m);

        var refusal = Assert.Throws<RuleViolationException>(() => payment.Settle([a, b]));

        Assert.Equal("ItemIds", refusal.Field);
        Assert.Contains("50.00 EUR, more than the payment's 49.99 EUR", refusal.Message, StringComparison.Ordinal);
        Assert.Equal((BasketItemStatus.Unpaid, BasketItemStatus.Unpaid), (a.Status, b.Status));
    }

    [Fact]
    public void Another_client_s_item_a_paid_one_or_a_cancelled_one_cannot_be_settled()
    {
        var payment = Pay(100m);
        var paid = Item("P", 1m);
        paid.Settle(Guid.NewGuid());
        var cancelled = Item("C", 1m);
        cancelled.Cancel();

        Assert.Throws<RuleViolationException>(() => payment.Settle([Item("X", 1m, client: Guid.NewGuid())]));
        Assert.Throws<RuleViolationException>(() => payment.Settle([paid]));
        Assert.Throws<RuleViolationException>(() => payment.Settle([cancelled]));
    }

    [Theory]
    [InlineData(0, 50, true)]
    [InlineData(0, 50.01, false)]
    [InlineData(30, 20, true)]
    [InlineData(30, 20.01, false)]
    [InlineData(50, 0.01, false)]
    [InlineData(0, 0, false)]
    [InlineData(0, -1, false)]
    public void A_refund_never_exceeds_what_is_left_of_the_payment(double refundedSoFar, double refund, bool allowed)
    {
        var payment = Pay(50m);

        var error = Record.Exception(() => payment.RequireRefundable((decimal)refund, (decimal)refundedSoFar));

        Assert.Equal(allowed, error is null);
        if (!allowed)
        {
            Assert.Equal("Amount", Assert.IsType<RuleViolationException>(error, exactMatch: false).Field);
        }
    }

    [Fact]
    public void A_refund_message_names_what_is_left()
    {
        var payment = Pay(50m);

        Assert.Equal("At most 20.00 EUR of this payment is left to refund.", Assert.Throws<RuleViolationException>(() => payment.RequireRefundable(25m, 30m)).Message);
        Assert.Equal("This payment has been refunded in full.", Assert.Throws<RuleViolationException>(() => payment.RequireRefundable(1m, 50m)).Message);
    }

    [Fact]
    public void A_refund_with_more_decimals_than_the_currency_is_refused()
    {
        Assert.Throws<TooManyDecimalsException>(() => Pay(50m).RequireRefundable(1.005m, 0m));
        Assert.Throws<TooManyDecimalsException>(() => Pay(50.5m, "JPY"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1000001)]
    public void A_payment_amount_must_be_positive_and_sane(double amount) =>
        Assert.Throws<RuleViolationException>(() => Pay((decimal)amount));

    [Fact]
    public void A_payment_is_named_by_its_id_date_and_amount()
    {
        Assert.Equal("P-1 of 2026-11-20, 50.00 EUR", Pay(50m).Describe());
    }
}
