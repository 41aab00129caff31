using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Licensing;

namespace ResellerPortal.Simulators.KeyServer;

/// <summary>What the key server does with the calls for one key.</summary>
public enum KeyServerBehaviour
{
    /// <summary>Answer as the real server: the key if it is in stock, <c>S:KO - Key not found</c> if not.</summary>
    Normal,

    /// <summary>Answer <c>S:KO - reason</c>.</summary>
    Ko,

    /// <summary>Wait <c>seconds</c>, then answer normally (if the caller is still there).</summary>
    Stall,

    /// <summary>Close the connection without an answer.</summary>
    Drop,

    /// <summary>Answer HTTP 500 with an error page.</summary>
    Error500,

    /// <summary>Answer HTTP 200 with <c>body</c>, or an HTML error page, instead of the reply format.</summary>
    Garbage,

    /// <summary>Issue the key but answer HTTP 200 with the reply cut off in the middle of the K: line.</summary>
    Truncated,
}

/// <summary>The body of <c>POST /control/keys/{ppk}</c>.</summary>
public sealed record KeyServerBehaviourRequest(
    KeyServerBehaviour Behaviour,
    string? Reason = null,
    int? Seconds = null,
    int? Times = null,
    string? Body = null) : IScriptedBehaviour;

/// <summary>How the calls for one K_id went. <see cref="KeyReplies"/> counts the calls that produced a key.</summary>
public sealed record KeyCallCounts(int Calls, int KeyReplies, int Refusals, int Failures);

/// <summary>A key in the simulator's stock and, once activated, the licence it became.</summary>
public sealed record StockKey(
    string Ppk,
    string? LicenceKey,
    DateTime? IssuedAt,
    DateOnly? ExpiresOn,
    string? EndUser,
    string? Email,
    KeyServerBehaviour Behaviour,
    int? BehaviourTimesLeft,
    KeyCallCounts Counts);

internal enum KeyCallResult
{
    KeyReply,
    Refusal,
    Failure,
}

/// <summary>The answer the key server gives when it answers normally.</summary>
internal sealed record KeyServerAnswer(bool Ok, string Body, string? LicenceKey);

/// <summary>
/// The key server of §4 (seed 004) with its own stock. A key is issued on its first activation and
/// the same key, issue date and expiry are returned on every later call (only D: changes), as the
/// manual documents. The licence key is derived from the PPK, so it is also the same across restarts.
/// </summary>
public sealed class KeyServerSimulator
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly bool _acceptUnknownKeys;
    private readonly IReadOnlyList<Ppk> _initialStock;
    private readonly Dictionary<string, Entry> _stock = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Counts> _counts = new(StringComparer.Ordinal);
    private readonly BehaviourScript<KeyServerBehaviourRequest> _behaviours = new();
    private int _sequence;

    public KeyServerSimulator(IEnumerable<string> stock, bool acceptUnknownKeys, TimeProvider time)
    {
        _time = time;
        _acceptUnknownKeys = acceptUnknownKeys;
        _initialStock = stock.Select(ReadStockKey).ToList();
        Reset();
    }

    /// <summary>Puts keys in stock; returns false for a key that was there already.</summary>
    public bool AddToStock(Ppk ppk)
    {
        lock (_lock)
        {
            return _stock.TryAdd(ppk.Text, new Entry(ppk));
        }
    }

    public void SetBehaviour(string ppk, KeyServerBehaviourRequest behaviour)
    {
        lock (_lock)
        {
            _behaviours.Set(ppk, behaviour);
        }
    }

    public void ClearBehaviour(string ppk)
    {
        lock (_lock)
        {
            _behaviours.Clear(ppk);
        }
    }

    /// <summary>Calls per K_id as received, including keys not in stock.</summary>
    public IReadOnlyDictionary<string, KeyCallCounts> Calls()
    {
        lock (_lock)
        {
            return _counts.ToDictionary(c => c.Key, c => c.Value.ToView(), StringComparer.Ordinal);
        }
    }

    public KeyCallCounts CallsFor(string ppk)
    {
        lock (_lock)
        {
            return _counts.TryGetValue(ppk, out var counts) ? counts.ToView() : new KeyCallCounts(0, 0, 0, 0);
        }
    }

    public IReadOnlyList<StockKey> Stock()
    {
        lock (_lock)
        {
            return _stock.Values.Select(View).ToList();
        }
    }

    public StockKey? Find(string ppk)
    {
        lock (_lock)
        {
            return _stock.TryGetValue(ppk, out var entry) ? View(entry) : null;
        }
    }

    /// <summary>Back to the start: the configured stock, nothing issued, no behaviours, no calls.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _stock.Clear();
            foreach (var ppk in _initialStock)
            {
                _stock.TryAdd(ppk.Text, new Entry(ppk));
            }

            _counts.Clear();
            _behaviours.ClearAll();
        }
    }

    /// <summary>Counts a call and returns the behaviour told for it (null: answer normally).</summary>
    internal KeyServerBehaviourRequest? BeginCall(string kId)
    {
        lock (_lock)
        {
            CountsFor(kId).Calls++;
            return _behaviours.Take(kId);
        }
    }

    internal void Record(string kId, KeyCallResult result)
    {
        lock (_lock)
        {
            var counts = CountsFor(kId);
            switch (result)
            {
                case KeyCallResult.KeyReply:
                    counts.KeyReplies++;
                    break;
                case KeyCallResult.Refusal:
                    counts.Refusals++;
                    break;
                case KeyCallResult.Failure:
                    counts.Failures++;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(result), result, null);
            }
        }
    }

    /// <summary>The normal answer; issues the key on its first activation. The caller records how the call ended.</summary>
    internal KeyServerAnswer Activate(string kId, string? endUser, string? email)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow().UtcDateTime;
            var sequence = ++_sequence;
            if (string.IsNullOrWhiteSpace(kId) || string.IsNullOrWhiteSpace(endUser) || string.IsNullOrWhiteSpace(email))
            {
                return new KeyServerAnswer(false, Refusal($"Missing parameter U:{sequence}", now), null);
            }

            if (!_stock.TryGetValue(kId, out var entry))
            {
                var parsed = Ppk.Parse(kId);
                if (!_acceptUnknownKeys || !parsed.IsValid)
                {
                    return new KeyServerAnswer(false, Refusal($"Key not found U:{sequence}", now), null);
                }

                entry = new Entry(parsed.Ppk);
                _stock.Add(kId, entry);
            }

            if (entry.LicenceKey is null)
            {
                entry.LicenceKey = LicenceKeyFor(entry.Ppk);
                entry.IssuedAt = TruncateToSeconds(now);
                entry.ExpiresOn = DateOnly.FromDateTime(now).AddDays(entry.Ppk.Days);
            }

            entry.EndUser = endUser;
            entry.Email = email;
            var body = string.Join('\n',
                "S:OK",
                "D:" + now.ToString(KeyServerReply.DateTimeFormat, CultureInfo.InvariantCulture),
                "K:" + entry.LicenceKey,
                "I:" + entry.IssuedAt!.Value.ToString(KeyServerReply.DateTimeFormat, CultureInfo.InvariantCulture),
                "X:" + entry.ExpiresOn!.Value.ToString(KeyServerReply.DateFormat, CultureInfo.InvariantCulture),
                "M:R") + "\n";
            return new KeyServerAnswer(true, body, entry.LicenceKey);
        }
    }

    /// <summary>The error reply exactly as the manual shows it.</summary>
    internal string Refusal(string reason, DateTime? now = null) =>
        string.Join('\n',
            "S:KO - " + reason,
            "D:" + (now ?? _time.GetUtcNow().UtcDateTime).ToString(KeyServerReply.DateTimeFormat, CultureInfo.InvariantCulture),
            "K:n/a",
            "I:",
            "X:",
            "M:ERR") + "\n";

    internal int NextSequence()
    {
        lock (_lock)
        {
            return ++_sequence;
        }
    }

    /// <summary>76 characters in the manual's style: eight groups of eight hex digits and one of four.</summary>
    internal static string LicenceKeyFor(Ppk ppk)
    {
        var hex = Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes("simulated-licence:" + ppk.Text)));
        var groups = Enumerable.Range(0, 8).Select(i => hex.Substring(i * 8, 8)).Append(hex.Substring(64, 4));
        return string.Join('-', groups);
    }

    private static Ppk ReadStockKey(string text)
    {
        var parsed = Ppk.Parse(text);
        return parsed.IsValid
            ? parsed.Ppk
            : throw new ArgumentException($"The key server's stock has a key that is not valid ('{LogText.Encode(text)}'): {parsed.Failure.Reason}.", nameof(text));
    }

    private static DateTime TruncateToSeconds(DateTime time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond));

    private Counts CountsFor(string kId)
    {
        if (!_counts.TryGetValue(kId, out var counts))
        {
            counts = new Counts();
            _counts.Add(kId, counts);
        }

        return counts;
    }

    private StockKey View(Entry entry)
    {
        var script = _behaviours.Peek(entry.Ppk.Text);
        return new StockKey(
            entry.Ppk.Text,
            entry.LicenceKey,
            entry.IssuedAt,
            entry.ExpiresOn,
            entry.EndUser,
            entry.Email,
            script?.Behaviour.Behaviour ?? KeyServerBehaviour.Normal,
            script?.Remaining,
            _counts.TryGetValue(entry.Ppk.Text, out var counts) ? counts.ToView() : new KeyCallCounts(0, 0, 0, 0));
    }

    private sealed class Entry(Ppk ppk)
    {
        public Ppk Ppk { get; } = ppk;

        public string? LicenceKey { get; set; }

        public DateTime? IssuedAt { get; set; }

        public DateOnly? ExpiresOn { get; set; }

        public string? EndUser { get; set; }

        public string? Email { get; set; }
    }

    private sealed class Counts
    {
        public int Calls { get; set; }

        public int KeyReplies { get; set; }

        public int Refusals { get; set; }

        public int Failures { get; set; }

        public KeyCallCounts ToView() => new(Calls, KeyReplies, Refusals, Failures);
    }
}
