namespace ResellerPortal.IntegrationTests.Support;

/// <summary>
/// Waits for a condition the server reaches on its own after the client has moved on (e.g. noticing that a
/// caller went away, or retrying in the background). The deadline only bounds a broken test; it is not what
/// is being tested.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Still waiting for: {what}");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }
}
