namespace ResellerPortal.Simulators.StatusFeed;

public enum StatusFeedBehaviour
{
    Normal,
    Error500,
    Garbage,
}

/// <summary>
/// A status feed in the Atlassian Statuspage form (<c>/api/v2/status.json</c>) for the portal's
/// network-status job (§9), with a human page at <c>/status</c>. Tests and demos set what it says.
/// </summary>
public sealed class StatusFeedSimulator
{
    private readonly Lock _gate = new();
    private string _indicator = "none";
    private string _description = "All Systems Operational";
    private StatusFeedBehaviour _behaviour = StatusFeedBehaviour.Normal;

    public int Calls { get; private set; }

    public (string Indicator, string Description, StatusFeedBehaviour Behaviour) Current
    {
        get
        {
            lock (_gate)
            {
                return (_indicator, _description, _behaviour);
            }
        }
    }

    public void Set(string indicator, string? description, StatusFeedBehaviour behaviour)
    {
        lock (_gate)
        {
            _indicator = indicator;
            _description = description ?? indicator;
            _behaviour = behaviour;
        }
    }

    public (string Indicator, string Description, StatusFeedBehaviour Behaviour) Read()
    {
        lock (_gate)
        {
            Calls++;
            return (_indicator, _description, _behaviour);
        }
    }

    public void Reset() => Set("none", "All Systems Operational", StatusFeedBehaviour.Normal);
}
