using ResellerPortal.Domain.Money;

namespace ResellerPortal.UnitTests.Payments;

public sealed class MoneyDisplayTests
{
    [Theory]
    [InlineData(1234.5, "EUR", "1234.50 EUR")]
    [InlineData(-4, "EUR", "-4.00 EUR")]
    [InlineData(1500, "JPY", "1500 JPY")]
    [InlineData(1.5, "KWD", "1.500 KWD")]
    [InlineData(0, "usd", "0.00 USD")]
    public void An_amount_is_shown_with_its_currency_s_decimals_and_code(double amount, string currency, string shown) =>
        Assert.Equal(shown, Currencies.Show((decimal)amount, currency));
}
