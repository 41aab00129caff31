namespace ResellerPortal.Simulators;

/// <summary>A behaviour a test asks for: applied to the next <see cref="Times"/> calls, or to all calls when null.</summary>
public interface IScriptedBehaviour
{
    int? Times { get; }
}

/// <summary>
/// Per-name behaviours (a key, an instance) told to a simulator. Each call takes one use of its
/// behaviour; when the uses run out the name is back to normal, so "stall once, then answer" is one
/// instruction. Not thread-safe on its own: the simulator calls it under its lock.
/// </summary>
internal sealed class BehaviourScript<T>
    where T : class, IScriptedBehaviour
{
    private readonly Dictionary<string, (T Behaviour, int? Remaining)> _scripts = new(StringComparer.Ordinal);

    public void Set(string name, T behaviour) => _scripts[name] = (behaviour, behaviour.Times);

    public void Clear(string name) => _scripts.Remove(name);

    public void ClearAll() => _scripts.Clear();

    public (T Behaviour, int? Remaining)? Peek(string name) => _scripts.TryGetValue(name, out var script) ? script : null;

    /// <summary>The behaviour for this call, or null for normal; uses it up if it was for a number of calls.</summary>
    public T? Take(string name)
    {
        if (!_scripts.TryGetValue(name, out var script))
        {
            return null;
        }

        if (script.Remaining is { } remaining)
        {
            if (remaining <= 1)
            {
                _scripts.Remove(name);
            }
            else
            {
                _scripts[name] = (script.Behaviour, remaining - 1);
            }
        }

        return script.Behaviour;
    }
}
