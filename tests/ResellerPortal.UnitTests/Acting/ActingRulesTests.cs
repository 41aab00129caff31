using ResellerPortal.Domain;
using ResellerPortal.Domain.Acting;

namespace ResellerPortal.UnitTests.Acting;

public sealed class ActingRulesTests
{
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();

    public static TheoryData<string, Guid?, string, Guid?, bool> Pairs() => new()
    {
        { Roles.PlatformAdmin, null, Roles.PlatformAdmin, null, false },
        { Roles.PlatformAdmin, null, Roles.Support, null, false },
        { Roles.PlatformAdmin, null, Roles.ResellerAdmin, A, true },
        { Roles.PlatformAdmin, null, Roles.ResellerUser, B, true },
        { Roles.PlatformAdmin, null, Roles.Client, A, true },
        { Roles.PlatformAdmin, null, Roles.Client, B, true },
        { Roles.Support, null, Roles.PlatformAdmin, null, false },
        { Roles.Support, null, Roles.Support, null, false },
        { Roles.Support, null, Roles.ResellerAdmin, B, true },
        { Roles.Support, null, Roles.ResellerUser, A, true },
        { Roles.Support, null, Roles.Client, A, true },
        { Roles.Support, null, Roles.Client, B, true },
        { Roles.ResellerAdmin, A, Roles.PlatformAdmin, null, false },
        { Roles.ResellerAdmin, A, Roles.Support, null, false },
        { Roles.ResellerAdmin, A, Roles.ResellerAdmin, A, true },
        { Roles.ResellerAdmin, A, Roles.ResellerAdmin, B, false },
        { Roles.ResellerAdmin, A, Roles.ResellerUser, A, true },
        { Roles.ResellerAdmin, A, Roles.ResellerUser, B, false },
        { Roles.ResellerAdmin, A, Roles.Client, A, true },
        { Roles.ResellerAdmin, A, Roles.Client, B, false },
        { Roles.ResellerUser, A, Roles.ResellerUser, A, false },
        { Roles.ResellerUser, A, Roles.Client, A, false },
        { Roles.ResellerUser, A, Roles.ResellerAdmin, A, false },
        { Roles.Client, A, Roles.Client, A, false },
        { Roles.Client, A, Roles.ResellerUser, A, false },
        { Roles.Client, A, Roles.Client, B, false },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_table_decides_every_pair_of_roles(string actorRole, Guid? actorReseller, string targetRole, Guid? targetReseller, bool allowed)
    {
        var actor = new ActingParty(Guid.NewGuid(), actorRole, actorReseller);
        var target = new ActingParty(Guid.NewGuid(), targetRole, targetReseller);

        Assert.Equal(allowed, ActingRules.MayActAs(actor, target));
        Assert.Equal(allowed ? null : ActingRefusal.NotAllowed, ActingRules.Check(actor, false, target, false, false));
    }

    [Fact]
    public void Nobody_acts_as_someone_with_more_rights()
    {
        foreach (var (actor, targets) in ActingRules.Table)
        {
            Assert.All(targets.Keys, target => Assert.True(Roles.Rank(target) >= Roles.Rank(actor), $"{actor} may act as {target}"));
        }

        Assert.Equal(Roles.All.Order(), ActingRules.Table.Keys.Order());
    }

    [Fact]
    public void No_chains_not_oneself_not_a_disabled_login_and_not_someone_acting()
    {
        var actor = new ActingParty(Guid.NewGuid(), Roles.Support, null);
        var target = new ActingParty(Guid.NewGuid(), Roles.ResellerAdmin, A);

        Assert.Equal(ActingRefusal.AlreadyActing, ActingRules.Check(actor, true, target, false, false));
        Assert.Equal(ActingRefusal.Self, ActingRules.Check(actor, false, actor, false, false));
        Assert.Equal(ActingRefusal.Disabled, ActingRules.Check(actor, false, target, true, false));
        Assert.Equal(ActingRefusal.TargetIsActing, ActingRules.Check(actor, false, target, false, true));
        Assert.Null(ActingRules.Check(actor, false, target, false, false));
    }

    [Theory]
    [InlineData(Roles.PlatformAdmin, true)]
    [InlineData(Roles.Support, false)]
    [InlineData(Roles.ResellerAdmin, true)]
    [InlineData(Roles.ResellerUser, true)]
    [InlineData(Roles.Client, false)]
    public void Money_follows_the_role_of_the_person_really_acting(string realRole, bool moves) =>
        Assert.Equal(moves, ActingRules.RealActorMovesMoney(realRole));

    [Fact]
    public void A_session_needs_a_reason_within_its_length_and_ends_once()
    {
        var start = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal("Reason", Assert.Throws<RuleViolationException>(() => new ActingSession(Guid.NewGuid(), Guid.NewGuid(), A, "  ", start, TimeSpan.FromMinutes(30))).Field);
        Assert.Throws<RuleViolationException>(() => new ActingSession(Guid.NewGuid(), Guid.NewGuid(), A, new string('x', ActingRules.ReasonMaxLength + 1), start, TimeSpan.FromMinutes(30)));

        var session = new ActingSession(Guid.NewGuid(), Guid.NewGuid(), A, " Ticket 1 ", start, TimeSpan.FromMinutes(30));
        Assert.Equal("Ticket 1", session.Reason);
        Assert.True(session.IsOpenAt(start.AddMinutes(29)));
        Assert.False(session.IsOpenAt(start.AddMinutes(30)));
        session.End(start.AddHours(2), ActingEnd.Expired);
        session.End(start.AddHours(3), ActingEnd.Stopped);
        Assert.Equal((start.AddMinutes(30), ActingEnd.Expired), (session.EndedAt!.Value, session.EndedHow!.Value));
    }
}
