using ResellerPortal.Domain.Clients;

namespace ResellerPortal.UnitTests.Clients;

/// <summary>The balance rules of §5/§6 (<see cref="Client.ApplyBalance"/>), each balance as the ledger's trigger stored it.</summary>
public sealed class BalanceRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static Client NewClient(BalanceManagement mode, decimal? threshold = null)
    {
        var client = Client.Create(Guid.NewGuid(), Guid.NewGuid(), ClientTests.Details(), "EUR", new DateOnly(2026, 12, 1), Now);
        client.ManageBalance(mode, threshold, null);
        return client;
    }

    [Theory]
    [InlineData(BalanceManagement.Hard, 5.00, false, ClientStatus.Active)]
    [InlineData(BalanceManagement.Hard, 0.01, false, ClientStatus.Active)]
    [InlineData(BalanceManagement.Hard, 0.00, true, ClientStatus.Suspended)]
    [InlineData(BalanceManagement.Hard, -3.00, true, ClientStatus.Suspended)]
    [InlineData(BalanceManagement.Soft, 0.00, false, ClientStatus.Active)]
    [InlineData(BalanceManagement.Soft, -250.00, false, ClientStatus.Active)]
    public void A_HARD_client_is_suspended_by_the_system_at_zero_and_a_SOFT_one_may_go_negative(BalanceManagement mode, double balance, bool suspended, ClientStatus status)
    {
        var client = NewClient(mode);

        var effects = client.ApplyBalance((decimal)balance, Now);

        Assert.Equal((suspended, status, suspended), (effects.Suspended, client.Status, client.SuspendedBySystem));
    }

    [Fact]
    public void A_client_the_system_suspended_is_reactivated_when_the_balance_rises_above_zero()
    {
        var client = NewClient(BalanceManagement.Hard);
        client.ApplyBalance(0m, Now);

        Assert.False(client.ApplyBalance(0m, Now).Reactivated);
        Assert.Equal(ClientStatus.Suspended, client.Status);

        var effects = client.ApplyBalance(0.01m, Now.AddHours(1));

        Assert.True(effects.Reactivated);
        Assert.Equal((ClientStatus.Active, false), (client.Status, client.SuspendedBySystem));
    }

    [Fact]
    public void A_client_a_person_suspended_stays_suspended_whatever_the_balance()
    {
        var client = NewClient(BalanceManagement.Hard);
        client.ChangeStatus(ClientStatus.Suspended, Now);

        var effects = client.ApplyBalance(500m, Now);

        Assert.False(effects.Reactivated);
        Assert.Equal((ClientStatus.Suspended, false), (client.Status, client.SuspendedBySystem));
    }

    [Fact]
    public void A_client_suspended_by_the_system_and_then_by_a_person_stays_suspended()
    {
        var client = NewClient(BalanceManagement.Hard);
        client.ApplyBalance(-1m, Now);
        client.ChangeStatus(ClientStatus.Blocked, Now);

        Assert.False(client.ApplyBalance(100m, Now).Reactivated);
        Assert.Equal(ClientStatus.Blocked, client.Status);
    }

    [Fact]
    public void The_low_balance_warning_goes_once_per_crossing_and_is_armed_again_above_the_threshold()
    {
        var client = NewClient(BalanceManagement.Soft, threshold: 20m);
        decimal[] balances = [50m, 19.99m, 10m, -5m, 20m, 19m, 18m, 25m, 5m];
        bool[] expected = [false, true, false, false, false, true, false, false, true];

        var sent = balances.Select(b => client.ApplyBalance(b, Now).SendLowBalanceWarning).ToArray();

        Assert.Equal(expected, sent);
    }

    [Fact]
    public void No_threshold_means_no_warning()
    {
        var client = NewClient(BalanceManagement.Soft);

        Assert.False(client.ApplyBalance(-100m, Now).SendLowBalanceWarning);
    }
}
