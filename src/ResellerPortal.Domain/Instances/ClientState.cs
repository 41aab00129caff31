namespace ResellerPortal.Domain.Instances;

/// <summary>What an instance is for (§3). Only SOLD is billed; TEST is set by the provider only.</summary>
public enum ClientState
{
    Demo,
    Test,
    Sold,
}

/// <summary>Whether an instance runs (§3): ON runs, EXPIRED keeps data, REMOVED has had its data deleted.</summary>
public enum ClientMode
{
    On,
    Expired,
    Removed,
}

public static class ClientStateText
{
    /// <summary>The upper-case word the manual and the URL filters use (DEMO, TEST, SOLD, ON, EXPIRED, REMOVED).</summary>
    public static string Code(this ClientState state) => state switch
    {
        ClientState.Demo => "DEMO",
        ClientState.Test => "TEST",
        ClientState.Sold => "SOLD",
    };

    public static string Code(this ClientMode mode) => mode switch
    {
        ClientMode.On => "ON",
        ClientMode.Expired => "EXPIRED",
        ClientMode.Removed => "REMOVED",
    };

    public static bool TryParseState(string? text, out ClientState state)
    {
        foreach (var candidate in Enum.GetValues<ClientState>())
        {
            if (string.Equals(candidate.Code(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }

    public static bool TryParseMode(string? text, out ClientMode mode)
    {
        foreach (var candidate in Enum.GetValues<ClientMode>())
        {
            if (string.Equals(candidate.Code(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                mode = candidate;
                return true;
            }
        }

        mode = default;
        return false;
    }
}
