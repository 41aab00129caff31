using ResellerPortal.Domain.Instances;

namespace ResellerPortal.UnitTests.Instances;

public sealed class InstanceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid Reseller = Guid.Parse("0195a0c0-0000-7000-8000-000000000001");
    private static readonly Guid Operator = Guid.Parse("0195a0c0-0000-7000-8000-000000000002");

    private static InstanceSettings Settings(ClientState state = ClientState.Sold, ClientMode mode = ClientMode.On) =>
        new("Acme Ltd", "Europe/Rome", 10, 365, null, state, mode, null, null, null, null, null, null);

    private static Instance Create(ClientState state = ClientState.Sold, ClientMode mode = ClientMode.On, DateTimeOffset? at = null) =>
        Instance.Create(Reseller, Operator, "acme", Settings(state, mode), "secret", mayUseTest: true, at ?? T0, "tester");

    [Fact]
    public void A_new_instance_is_provisioning_with_its_name_lower_cased()
    {
        var instance = Instance.Create(Reseller, Operator, " Acme-1 ", Settings(), "secret", false, T0, "tester");

        Assert.Equal("acme-1", instance.Name);
        Assert.True(instance.IsProvisioning);
        Assert.False(instance.IsRestartPending);
        Assert.Equal("secret", instance.PendingAdminPasswordProtected);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("-lead")]
    [InlineData("trail-")]
    [InlineData("this-name-is-far-too-long-for-it")]
    public void A_malformed_name_is_refused(string name) =>
        Assert.Equal("Name", Assert.Throws<InstanceRuleException>(() => Instance.Create(Reseller, Operator, name, Settings(), "s", false, T0, "t")).Field);

    [Fact]
    public void Only_the_provider_creates_a_TEST_instance()
    {
        Assert.Equal("State", Assert.Throws<InstanceRuleException>(() => Instance.Create(Reseller, Operator, "acme", Settings(ClientState.Test), "s", false, T0, "t")).Field);
        Assert.Equal(ClientState.Test, Instance.Create(Reseller, Operator, "acme", Settings(ClientState.Test), "s", true, T0, "t").State);
    }

    [Fact]
    public void A_new_instance_cannot_start_REMOVED() =>
        Assert.Equal("Mode", Assert.Throws<InstanceRuleException>(() => Create(mode: ClientMode.Removed)).Field);

    [Fact]
    public void Provisioning_forgets_the_password()
    {
        var instance = Create();

        instance.MarkProvisioned(T0.AddMinutes(7));

        Assert.False(instance.IsProvisioning);
        Assert.Equal(T0.AddMinutes(7), instance.ProvisionedAt);
        Assert.Null(instance.PendingAdminPasswordProtected);
    }

    public static TheoryData<string, bool> Edits => new()
    {
        { "timezone", true },
        { "agents", true },
        { "retention", true },
        { "state", true },
        { "mode", true },
        { "longname", false },
        { "expiration", false },
        { "contact", false },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Timezone_agents_retention_state_and_mode_restart_the_instance_other_fields_do_not(string field, bool restarts)
    {
        var instance = Create();
        instance.MarkProvisioned(T0);
        var s = instance.Settings;
        var edited = field switch
        {
            "timezone" => s with { Timezone = "America/New_York" },
            "agents" => s with { MaxAgents = 11 },
            "retention" => s with { RetentionDays = 30 },
            "state" => s with { State = ClientState.Demo },
            "mode" => s with { Mode = ClientMode.Expired },
            "longname" => s with { LongName = "Acme Group" },
            "expiration" => s with { ExpirationDate = new DateOnly(2027, 1, 1) },
            _ => s with { ContactPerson = "Someone" },
        };

        var answer = instance.Update(edited, false, T0.AddHours(1), "editor");

        Assert.Equal(restarts, answer);
        Assert.Equal(restarts, instance.IsRestartPending);
        Assert.Equal("editor", instance.LastChangedBy);
    }

    [Fact]
    public void EXPIRED_goes_back_to_ON_at_any_time()
    {
        var instance = Create(mode: ClientMode.Expired);

        instance.Update(instance.Settings with { Mode = ClientMode.On }, false, T0.AddDays(6), "editor");

        Assert.Equal(ClientMode.On, instance.Mode);
        Assert.Equal(T0.AddDays(6), instance.ModeChangedAt);
    }

    [Theory]
    [InlineData(ClientMode.On)]
    [InlineData(ClientMode.Expired)]
    public void REMOVED_never_comes_back_from_the_portal(ClientMode target)
    {
        var instance = Create(mode: ClientMode.Expired);
        instance.Update(instance.Settings with { Mode = ClientMode.Removed }, false, T0, "editor");

        var refused = Assert.Throws<InstanceRuleException>(() => instance.Update(instance.Settings with { Mode = target }, true, T0.AddDays(1), "editor"));

        Assert.Equal("Mode", refused.Field);
        Assert.Equal(ClientMode.Removed, instance.Mode);
    }

    [Fact]
    public void A_reseller_can_neither_set_nor_leave_TEST()
    {
        var sold = Create();
        Assert.Throws<InstanceRuleException>(() => sold.Update(sold.Settings with { State = ClientState.Test }, false, T0, "reseller"));

        var test = Create(ClientState.Test);
        Assert.Throws<InstanceRuleException>(() => test.Update(test.Settings with { State = ClientState.Sold }, false, T0, "reseller"));
        test.Update(test.Settings with { State = ClientState.Sold }, true, T0, "provider");
        Assert.Equal(ClientState.Sold, test.State);
    }

    [Fact]
    public void A_DEMO_is_flagged_after_30_days_and_only_as_long_as_it_is_a_DEMO()
    {
        var clock = new ManualClock(T0);
        var demo = Create(ClientState.Demo, at: clock.GetUtcNow());
        var policy = InstancePolicy.Default;

        clock.Advance(TimeSpan.FromDays(30));
        Assert.False(demo.IsDemoOverdue(clock.GetUtcNow(), policy));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(demo.IsDemoOverdue(clock.GetUtcNow(), policy));

        demo.Update(demo.Settings with { State = ClientState.Sold }, false, clock.GetUtcNow(), "editor");
        Assert.False(demo.IsDemoOverdue(clock.GetUtcNow(), policy));
        Assert.True(demo.WasDemo);
    }

    [Fact]
    public void An_expiration_date_is_past_from_the_next_day()
    {
        var instance = Create();
        instance.Update(instance.Settings with { ExpirationDate = new DateOnly(2026, 6, 1) }, false, T0, "editor");

        Assert.False(instance.IsPastExpiration(new DateOnly(2026, 6, 1)));
        Assert.True(instance.IsPastExpiration(new DateOnly(2026, 6, 2)));
    }

    [Fact]
    public void The_lifecycle_moves_EXPIRED_to_REMOVED_to_deleted_to_released_on_the_configured_days()
    {
        var clock = new ManualClock(T0);
        var policy = new InstancePolicy(ExpiredDaysBeforeRemoval: 7, RemovedDaysBeforeDeletion: 5, QuarantineDays: 3);
        var instance = Create(mode: ClientMode.Expired, at: clock.GetUtcNow());

        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal(LifecycleStep.None, instance.NextLifecycleStep(clock.GetUtcNow(), policy));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(LifecycleStep.MoveToRemoved, instance.NextLifecycleStep(clock.GetUtcNow(), policy));
        instance.MoveToRemoved(clock.GetUtcNow());
        Assert.Equal(LifecycleStep.None, instance.NextLifecycleStep(clock.GetUtcNow(), policy));

        clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(LifecycleStep.Delete, instance.NextLifecycleStep(clock.GetUtcNow(), policy));
        instance.MarkDeleted(clock.GetUtcNow());
        Assert.True(instance.IsDeleted);
        Assert.Equal(clock.GetUtcNow().AddDays(3), instance.QuarantineEndsAt(policy));
        Assert.Equal(LifecycleStep.None, instance.NextLifecycleStep(clock.GetUtcNow(), policy));

        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(LifecycleStep.ReleaseName, instance.NextLifecycleStep(clock.GetUtcNow(), policy));
    }

    [Fact]
    public void An_ON_instance_has_no_lifecycle_step_however_old() =>
        Assert.Equal(LifecycleStep.None, Create().NextLifecycleStep(T0.AddYears(5), InstancePolicy.Default));

    [Fact]
    public void Lifecycle_transitions_out_of_order_are_refused()
    {
        var on = Create();
        Assert.Throws<InvalidOperationException>(() => on.MoveToRemoved(T0));
        Assert.Throws<InvalidOperationException>(() => on.MarkDeleted(T0));

        var removed = Create(mode: ClientMode.Expired);
        removed.MoveToRemoved(T0);
        removed.MarkDeleted(T0);
        Assert.Throws<InvalidOperationException>(() => removed.Update(removed.Settings with { LongName = "x" }, true, T0, "t"));
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
