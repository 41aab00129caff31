using ResellerPortal.Domain;
using ResellerPortal.Domain.Clients;

namespace ResellerPortal.UnitTests.Clients;

public sealed class ClientTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    internal static ClientDetails Details(string email = "Anna@Example.com", string country = "IT", string company = "", string? vat = null) =>
        new("Anna", "Rossi", company, "Via Roma 1", "Milano", "", country, "20100", email, "+390212345678", vat);

    private static Client Signup() => Client.SignUp(Guid.NewGuid(), Guid.NewGuid(), Details(), "eur", new DateOnly(2026, 12, 1), Now);

    [Fact]
    public void A_signup_waits_for_activation_and_is_soft()
    {
        var client = Signup();

        Assert.Equal(ClientStatus.Wait, client.Status);
        Assert.Equal(BalanceManagement.Soft, client.BalanceManagement);
        Assert.Null(client.ActivatedAt);
        Assert.Equal("EUR", client.Currency);
        Assert.Equal("anna@example.com", client.Email);
    }

    [Fact]
    public void Activation_moves_wait_to_active_once()
    {
        var client = Signup();

        client.ChangeStatus(ClientStatus.Active, Now);

        Assert.Equal((ClientStatus.Active, Now), (client.Status, client.ActivatedAt));
        Assert.Equal("The client is already ACTIVE.", Assert.Throws<RuleViolationException>(() => client.ChangeStatus(ClientStatus.Active, Now.AddDays(1))).Message);
        client.ChangeStatus(ClientStatus.Suspended, Now.AddDays(2));
        client.ChangeStatus(ClientStatus.Active, Now.AddDays(3));
        Assert.Equal(Now, client.ActivatedAt);
    }

    [Theory]
    [InlineData(ClientStatus.Wait, ClientStatus.Suspended, false)]
    [InlineData(ClientStatus.Wait, ClientStatus.Blocked, true)]
    [InlineData(ClientStatus.Active, ClientStatus.Suspended, true)]
    [InlineData(ClientStatus.Active, ClientStatus.Wait, false)]
    [InlineData(ClientStatus.Suspended, ClientStatus.Active, true)]
    [InlineData(ClientStatus.Blocked, ClientStatus.Active, true)]
    [InlineData(ClientStatus.Blocked, ClientStatus.Blocked, false)]
    [InlineData(ClientStatus.Suspended, ClientStatus.Wait, false)]
    public void Status_moves_follow_the_state_machine(ClientStatus from, ClientStatus to, bool allowed)
    {
        var client = Signup();
        if (from != ClientStatus.Wait)
        {
            client.ChangeStatus(ClientStatus.Active, Now);
        }

        if (from is ClientStatus.Suspended or ClientStatus.Blocked)
        {
            client.ChangeStatus(from, Now);
        }

        Assert.Equal(allowed, client.RefusalToMoveTo(to) is null);
        Assert.Equal(allowed, Client.CanMove(from, to));
        if (allowed)
        {
            client.ChangeStatus(to, Now);
            Assert.Equal(to, client.Status);
        }
        else
        {
            Assert.Throws<RuleViolationException>(() => client.ChangeStatus(to, Now));
            Assert.Equal(from, client.Status);
        }
    }

    [Fact]
    public void Hard_balance_management_needs_an_activated_client()
    {
        var client = Signup();

        Assert.Equal("BalanceManagement", Assert.Throws<RuleViolationException>(() => client.ManageBalance(BalanceManagement.Hard, null, null)).Field);
        Assert.Equal("LowBalanceThreshold", Assert.Throws<RuleViolationException>(() => client.ManageBalance(BalanceManagement.Soft, 0.001m, null)).Field);
        client.ChangeStatus(ClientStatus.Active, Now);
        client.ManageBalance(BalanceManagement.Hard, 25m, "Billing@Example.com");

        Assert.Equal((BalanceManagement.Hard, 25m, "billing@example.com"), (client.BalanceManagement, client.LowBalanceThreshold, client.LowBalanceEmail));
    }

    [Theory]
    [InlineData(9.99, false)]
    [InlineData(10, true)]
    [InlineData(500, true)]
    [InlineData(500.01, false)]
    public void The_low_balance_threshold_is_10_to_500(double threshold, bool valid) =>
        Assert.Equal(valid, Client.IsValidThreshold((decimal)threshold));

    [Theory]
    [InlineData("DE", "Acme GmbH", true)]
    [InlineData("DE", "", false)]
    [InlineData("GB", "Acme Ltd", false)]
    [InlineData("CH", "Acme AG", false)]
    public void Only_EU_business_clients_need_a_VAT_number(string country, string company, bool required) =>
        Assert.Equal(required, Client.RequiresVatNumber(country, company));

    [Fact]
    public void The_VAT_number_is_stored_in_canonical_form()
    {
        var client = Client.Create(Guid.NewGuid(), Guid.NewGuid(), Details(country: "DE", company: "Acme", vat: "de 123.456.789"), "EUR", new DateOnly(2026, 12, 1), Now);

        Assert.Equal("DE123456789", client.VatNumber);
        Assert.Equal(ClientStatus.Active, client.Status);
    }
}

public sealed class EuVatTests
{
    [Theory]
    [InlineData("DE", "DE123456789", "DE123456789")]
    [InlineData("DE", "123 456 789", "DE123456789")]
    [InlineData("DE", "12345678", null)]
    [InlineData("AT", "U12345678", "ATU12345678")]
    [InlineData("GR", "EL123456789", "EL123456789")]
    [InlineData("NL", "123456789B01", "NL123456789B01")]
    [InlineData("NL", "123456789", null)]
    [InlineData("FR", "AB123456789", "FRAB123456789")]
    [InlineData("FR", "IO123456789", null)]
    [InlineData("IT", "12345678901", "IT12345678901")]
    [InlineData("US", "123456789", null)]
    [InlineData("DE", "DE123456789\n", "DE123456789")]
    [InlineData("DE", "", null)]
    public void VAT_numbers_are_checked_against_the_countrys_format(string country, string number, string? canonical) =>
        Assert.Equal(canonical, EuVat.Normalize(country, number));
}
