using ResellerPortal.Domain.Licensing;

namespace ResellerPortal.Simulators.Instances;

/// <summary>What an instance does with the XML-RPC calls made for it.</summary>
public enum InstanceBehaviour
{
    /// <summary>Install a 50–200 character key and answer "OK"; fault on anything else.</summary>
    Normal,

    /// <summary>Answer an XML-RPC fault with <c>faultCode</c> and <c>faultString</c>.</summary>
    Fault,

    /// <summary>Wait <c>seconds</c>, then answer normally (if the caller is still there).</summary>
    Stall,

    /// <summary>Close the connection without an answer.</summary>
    Drop,

    /// <summary>Answer HTTP 500 with an error page.</summary>
    Error500,

    /// <summary>Answer HTTP 200 with <c>body</c>, or an HTML page, instead of a methodResponse.</summary>
    Garbage,
}

/// <summary>The body of <c>POST /control/instances/{name}</c>.</summary>
public sealed record InstanceBehaviourRequest(
    InstanceBehaviour Behaviour,
    int? FaultCode = null,
    string? FaultString = null,
    int? Seconds = null,
    int? Times = null,
    string? Body = null) : IScriptedBehaviour;

/// <summary>An instance as the simulator saw it: the key installed last and how its calls went.</summary>
public sealed record SimulatedInstance(
    string Name,
    string? LicenceKey,
    DateTimeOffset? InstalledAt,
    int Calls,
    int Installs,
    int Faults,
    int Failures,
    InstanceBehaviour Behaviour,
    int? BehaviourTimesLeft);

internal enum InstanceCallResult
{
    Fault,
    Failure,
}

/// <summary>
/// QueueMetrics instances that accept <c>QM.setActivationKey(instanceName, key)</c> over XML-RPC
/// (§4) and remember the key installed on each. Any instance name is accepted; it is created on its first call.
/// </summary>
public sealed class InstanceSimulator(TimeProvider time)
{
    public const int InvalidKeyFaultCode = 2;
    public const int DefaultFaultCode = 1;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _instances = new(StringComparer.Ordinal);
    private readonly BehaviourScript<InstanceBehaviourRequest> _behaviours = new();

    public void SetBehaviour(string name, InstanceBehaviourRequest behaviour)
    {
        lock (_lock)
        {
            _behaviours.Set(name, behaviour);
        }
    }

    public void ClearBehaviour(string name)
    {
        lock (_lock)
        {
            _behaviours.Clear(name);
        }
    }

    public IReadOnlyList<SimulatedInstance> All()
    {
        lock (_lock)
        {
            return _instances.Values.Select(View).ToList();
        }
    }

    public SimulatedInstance? Find(string name)
    {
        lock (_lock)
        {
            return _instances.TryGetValue(name, out var entry) ? View(entry) : null;
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _instances.Clear();
            _behaviours.ClearAll();
        }
    }

    internal InstanceBehaviourRequest? BeginCall(string name)
    {
        lock (_lock)
        {
            EntryFor(name).Calls++;
            return _behaviours.Take(name);
        }
    }

    internal void Record(string name, InstanceCallResult result)
    {
        lock (_lock)
        {
            var entry = EntryFor(name);
            switch (result)
            {
                case InstanceCallResult.Fault:
                    entry.Faults++;
                    break;
                case InstanceCallResult.Failure:
                    entry.Failures++;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(result), result, null);
            }
        }
    }

    /// <summary>Installs the key, or returns the fault a real instance would give for a key that cannot be one.</summary>
    internal XmlRpcFault? Install(string name, string licenceKey)
    {
        if (licenceKey.Length is < KeyServerReply.MinKeyLength or > KeyServerReply.MaxKeyLength || licenceKey.Any(char.IsWhiteSpace))
        {
            Record(name, InstanceCallResult.Fault);
            return new XmlRpcFault(InvalidKeyFaultCode, "Invalid activation key");
        }

        lock (_lock)
        {
            var entry = EntryFor(name);
            entry.LicenceKey = licenceKey;
            entry.InstalledAt = time.GetUtcNow();
            entry.Installs++;
        }

        return null;
    }

    private Entry EntryFor(string name)
    {
        if (!_instances.TryGetValue(name, out var entry))
        {
            entry = new Entry(name);
            _instances.Add(name, entry);
        }

        return entry;
    }

    private SimulatedInstance View(Entry entry)
    {
        var script = _behaviours.Peek(entry.Name);
        return new SimulatedInstance(
            entry.Name,
            entry.LicenceKey,
            entry.InstalledAt,
            entry.Calls,
            entry.Installs,
            entry.Faults,
            entry.Failures,
            script?.Behaviour.Behaviour ?? InstanceBehaviour.Normal,
            script?.Remaining);
    }

    private sealed class Entry(string name)
    {
        public string Name { get; } = name;

        public string? LicenceKey { get; set; }

        public DateTimeOffset? InstalledAt { get; set; }

        public int Calls { get; set; }

        public int Installs { get; set; }

        public int Faults { get; set; }

        public int Failures { get; set; }
    }
}
