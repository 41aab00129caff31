using ResellerPortal.Domain;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Money;

namespace ResellerPortal.UnitTests.Baskets;

public sealed class BasketItemTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static BasketItem Item(decimal price = 10m, bool hidden = false, string currency = "EUR") =>
        BasketItem.Create(Guid.NewGuid(), Guid.NewGuid(), currency, " Router ", "Hardware", " R-1 ", "", price, new DateOnly(2026, 12, 1), hidden, Now);

    [Fact]
    public void An_item_is_unpaid_editable_and_trimmed()
    {
        var item = Item();

        item.Edit("Switch", "Hardware", "R-2", "8 ports", 12.50m, new DateOnly(2026, 12, 5), true);

        Assert.Equal((BasketItemStatus.Unpaid, "Switch", "R-2", 12.50m), (item.Status, item.Product, item.ItemId, item.Price));
        Assert.Equal("R-1", Item().ItemId);
    }

    [Fact]
    public void A_paid_or_cancelled_item_cannot_be_edited_cancelled_or_paid_again()
    {
        var paid = Item();
        paid.Settle(Guid.NewGuid());
        var cancelled = Item();
        cancelled.Cancel();

        Assert.Equal("A paid item cannot be edited.", Assert.Throws<RuleViolationException>(() => paid.Edit("X", "Y", "Z", "", 1m, new DateOnly(2026, 12, 1), false)).Message);
        Assert.Throws<RuleViolationException>(() => paid.Cancel());
        Assert.Equal("A cancelled item cannot be paid.", Assert.Throws<RuleViolationException>(() => cancelled.Settle(Guid.NewGuid())).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void The_price_must_be_positive(double price) =>
        Assert.Equal("Price", Assert.Throws<RuleViolationException>(() => Item((decimal)price)).Field);

    [Fact]
    public void The_price_has_at_most_the_currency_s_decimals() =>
        Assert.Throws<TooManyDecimalsException>(() => Item(10.5m, currency: "JPY"));

    [Fact]
    public void A_hidden_item_is_invisible_to_the_client_before_its_due_date()
    {
        var item = Item(hidden: true);

        Assert.False(item.IsVisibleToClient(new DateOnly(2026, 11, 30)));
        Assert.True(item.IsVisibleToClient(new DateOnly(2026, 12, 1)));
        Assert.True(Item().IsVisibleToClient(new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void A_charged_item_keeps_its_price()
    {
        var item = Item();
        item.MarkCharged(Now);

        Assert.Equal("Price", Assert.Throws<RuleViolationException>(() => item.Edit("Router", "Hardware", "R-1", "", 11m, new DateOnly(2026, 12, 1), false)).Field);
        item.Edit("Router", "Hardware", "R-1", "new text", 10m, new DateOnly(2026, 12, 1), false);
    }
}
