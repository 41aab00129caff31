namespace ResellerPortal.IntegrationTests.Support;

/// <summary>
/// A clock the test moves by hand whose timers are real ones: the simulators' stalls wait on it
/// (<c>Task.Delay(…, TimeProvider)</c>), which FakeTimeProvider would hold until advanced. The portal's
/// tests use <see cref="Tests.Shared.PortalFactory.Clock"/> (a FakeTimeProvider).
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
