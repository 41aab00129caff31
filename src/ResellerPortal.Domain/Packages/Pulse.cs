namespace ResellerPortal.Domain.Packages;

/// <summary>
/// The billing increment of a package, written as carriers write it: "60/60" bills whole minutes,
/// "6/6" bills every 6 seconds (ten increments a minute), "30/6" bills a first block of 30 seconds
/// then every 6 seconds. A connected call is always billed at least the first increment; every
/// started following increment is billed in full. A call of 0 seconds (not answered) is billed nothing.
/// </summary>
public readonly record struct Pulse(int First, int Next)
{
    public const int MaxSeconds = 3600;

    public static Pulse PerMinute { get; } = new(60, 60);

    public bool IsValid => First is >= 1 and <= MaxSeconds && Next is >= 1 and <= MaxSeconds;

    /// <summary>The seconds billed for a call of <paramref name="durationSeconds"/>.</summary>
    public int Apply(int durationSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(durationSeconds);
        if (durationSeconds == 0)
        {
            return 0;
        }

        if (durationSeconds <= First)
        {
            return First;
        }

        var rest = durationSeconds - First;
        var increments = (rest + Next - 1) / Next;
        return First + (increments * Next);
    }

    public override string ToString() => $"{First}/{Next}";
}
