using ResellerPortal.Domain;
using ResellerPortal.Domain.Dids;

namespace ResellerPortal.UnitTests.Dids;

public sealed class DidTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly DidTerms Terms = new(5m, 1.5m, 0.005m, new DateOnly(2026, 12, 1), true, "+447700900000", "VM@Example.com");

    [Fact]
    public void Connecting_sets_the_terms_and_a_new_connection_id()
    {
        var did = new Did(Guid.NewGuid(), "+44 20 7946 0000", "", Now);
        var sub = Guid.NewGuid();

        did.Connect(sub, Terms, Now);

        Assert.Equal(("+442079460000", sub, Terms with { VoicemailEmail = "vm@example.com" }), (did.Number, did.SubAccountId, did.Terms));
        Assert.NotNull(did.ConnectionId);
        Assert.Throws<RuleViolationException>(() => did.Connect(Guid.NewGuid(), Terms, Now));
    }

    [Fact]
    public void Unconnecting_frees_the_number_and_clears_its_charges()
    {
        var did = new Did(Guid.NewGuid(), "+442079460000", "", Now);
        did.Connect(Guid.NewGuid(), Terms, Now);

        did.Unconnect();

        Assert.Equal((false, 0m, null, null), (did.IsConnected, did.MonthlyFee, did.BillingStart, did.ConnectionId));
        Assert.Throws<RuleViolationException>(did.Unconnect);
    }

    [Fact]
    public void A_swap_moves_the_sub_account_and_terms_to_the_replacement()
    {
        var did = new Did(Guid.NewGuid(), "+442079460000", "", Now);
        var replacement = new Did(did.ResellerId, "+442079460001", "", Now);
        var sub = Guid.NewGuid();
        did.Connect(sub, Terms, Now);
        var firstConnection = did.ConnectionId;

        did.SwapWith(replacement, Now);

        Assert.False(did.IsConnected);
        Assert.Equal((sub, 1.5m), (replacement.SubAccountId, replacement.MonthlyFee));
        Assert.NotEqual(firstConnection, replacement.ConnectionId);
    }

    [Fact]
    public void A_number_that_is_not_E164_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Did(Guid.NewGuid(), "020 7946 0000", "", Now));

    [Fact]
    public void Defaults_give_billing_start_after_the_free_days()
    {
        var defaults = new DidDefaults(Guid.NewGuid(), Now);
        defaults.Change(5m, 1.5m, 0.005m, 7);

        Assert.Equal(new DidTerms(5m, 1.5m, 0.005m, new DateOnly(2026, 11, 28)), defaults.TermsFor(new DateOnly(2026, 11, 21)));
    }
}
