namespace ResellerPortal.Simulators;

/// <summary>Pieces shared by the control endpoints and the scripted behaviours of both simulators.</summary>
internal static class Control
{
    public const int MaxStallSeconds = 600;
    public const int DefaultStallSeconds = 30;

    /// <summary>
    /// Route values keep an encoded '/' (%2F) as it came, so a PPK such as <c>…:QM-50/1/90</c> can
    /// be sent raw or escaped in the path: both end up as the same text.
    /// </summary>
    public static string Unescape(string value) => Uri.UnescapeDataString(value);

    public static IResult? Validate(int? seconds, int? times)
    {
        if (seconds is < 0 or > MaxStallSeconds)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["seconds"] = [$"Between 0 and {MaxStallSeconds}."] });
        }

        if (times is < 1)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["times"] = ["At least 1, or left out for every call."] });
        }

        return null;
    }

    /// <summary>Waits as a slow server does; false when the caller gave up (or the simulator stops) first.</summary>
    public static async Task<bool> StallAsync(int? seconds, TimeProvider time, HttpContext context, IHostApplicationLifetime lifetime)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds ?? DefaultStallSeconds), time, stop.Token);
            return !context.RequestAborted.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
