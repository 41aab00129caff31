using ResellerPortal.Domain;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Packages;

namespace ResellerPortal.UnitTests.Clients;

public sealed class SubAccountTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Reseller = Guid.NewGuid();

    private static Client ClientIn(string currency) =>
        Client.Create(Reseller, Guid.NewGuid(), ClientTests.Details(), currency, new DateOnly(2026, 12, 1), Now);

    private static SubAccount ConnectedTo(Client client)
    {
        var sub = new SubAccount(Reseller, "office-pbx", "", Now);
        sub.ConnectTo(client.Id, Now);
        return sub;
    }

    [Fact]
    public void A_package_in_the_clients_currency_is_assigned()
    {
        var client = ClientIn("EUR");
        var sub = ConnectedTo(client);
        var package = new Package(Reseller, "Standard", "EUR", Now);

        sub.AssignPackage(package, client);

        Assert.Equal(package.Id, sub.PackageId);
    }

    [Fact]
    public void A_package_in_another_currency_is_refused_beside_the_package_field()
    {
        var client = ClientIn("EUR");
        var sub = ConnectedTo(client);

        var refused = Assert.Throws<RuleViolationException>(() => sub.AssignPackage(new Package(Reseller, "Dollar", "USD", Now), client));

        Assert.Equal(("PackageId", "Choose a package in EUR, the client's currency."), (refused.Field, refused.Message));
        Assert.Null(sub.PackageId);
    }

    [Fact]
    public void A_package_is_refused_for_a_sub_account_of_another_client()
    {
        var sub = ConnectedTo(ClientIn("EUR"));

        Assert.Throws<RuleViolationException>(() => sub.AssignPackage(new Package(Reseller, "Standard", "EUR", Now), ClientIn("EUR")));
    }

    [Fact]
    public void A_sub_account_moves_only_to_a_client_billed_in_its_packages_currency()
    {
        var client = ClientIn("EUR");
        var sub = ConnectedTo(client);
        var package = new Package(Reseller, "Standard", "EUR", Now);
        sub.AssignPackage(package, client);
        var dollars = ClientIn("USD");
        var euros = ClientIn("EUR");

        Assert.Throws<RuleViolationException>(() => sub.MoveTo(dollars, package, Now));
        sub.MoveTo(euros, package, Now);

        Assert.Equal((euros.Id, package.Id), (sub.ClientId!.Value, sub.PackageId!.Value));
    }

    [Fact]
    public void Connecting_a_connected_sub_account_is_refused()
    {
        var sub = ConnectedTo(ClientIn("EUR"));

        Assert.Throws<RuleViolationException>(() => sub.ConnectTo(Guid.NewGuid(), Now));
    }
}
