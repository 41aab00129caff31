using ResellerPortal.Domain;

namespace ResellerPortal.UnitTests;

public sealed class RolesTests
{
    // Role names are stored with each login, so the literal strings are part of the contract.
    [Theory]
    [InlineData("PlatformAdmin", 0)]
    [InlineData("Support", 1)]
    [InlineData("ResellerAdmin", 2)]
    [InlineData("ResellerUser", 3)]
    [InlineData("Client", 4)]
    public void Each_role_has_a_rank_where_lower_is_more_powerful(string role, int expected) =>
        Assert.Equal(expected, Roles.Rank(role));

    [Fact]
    public void Roles_are_listed_from_most_to_least_powerful()
    {
        Assert.Equal(["PlatformAdmin", "Support", "ResellerAdmin", "ResellerUser", "Client"], Roles.All);

        for (var i = 1; i < Roles.All.Count; i++)
        {
            Assert.True(Roles.Rank(Roles.All[i - 1]) < Roles.Rank(Roles.All[i]), $"{Roles.All[i - 1]} should outrank {Roles.All[i]}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("Admin")]
    [InlineData("platformadmin")] // role names are case-sensitive
    [InlineData("Client ")]
    public void Unknown_role_has_no_rank(string role)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Roles.Rank(role));
        Assert.Equal("role", error.ParamName);
    }

    [Theory]
    [InlineData("PlatformAdmin", false)]
    [InlineData("Support", false)]
    [InlineData("ResellerAdmin", true)]
    [InlineData("ResellerUser", true)]
    [InlineData("Client", true)]
    [InlineData("", false)]
    [InlineData("Admin", false)]
    [InlineData("resellerAdmin", false)]
    public void Only_reseller_staff_and_clients_belong_to_a_reseller(string role, bool expected) =>
        Assert.Equal(expected, Roles.BelongsToReseller(role));
}
