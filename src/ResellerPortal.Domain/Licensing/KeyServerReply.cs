using System.Globalization;

namespace ResellerPortal.Domain.Licensing;

public enum KeyServerOutcome
{
    /// <summary><c>S:OK</c> with a usable key and its dates.</summary>
    Activated,

    /// <summary><c>S:KO - reason</c>: the key server said no. Final; retrying gives the same answer.</summary>
    Refused,

    /// <summary>Not the documented reply (an error page, a cut-off reply, a bad key). Never a key; safe to retry.</summary>
    Malformed,
}

/// <summary>
/// The reply of <c>licence_wsvc_gen.do</c> (§4, seed 004): one <c>L:value</c> field per line,
/// status first. For example:
/// <code>
/// S:OK
/// D:2011-08-26 15:51:58
/// K:5231317C-5232476E-...
/// I:2011-08-25 18:46:56
/// X:2011-09-24
/// M:R
/// </code>
/// Only a reply that is complete and well formed is taken as a key: anything doubtful is
/// <see cref="KeyServerOutcome.Malformed"/>, because the server returns the same key on a repeated
/// call, so asking again costs nothing while installing a damaged key breaks the instance.
/// </summary>
public sealed class KeyServerReply
{
    public const int MinKeyLength = 50;
    public const int MaxKeyLength = 200;

    /// <summary>The documented reply is a few hundred bytes; anything much longer is not it.</summary>
    public const int MaxReplyLength = 16 * 1024;

    /// <summary><c>D:</c> and <c>I:</c> are the server's wall-clock time; the manual gives no time zone.</summary>
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary><c>X:</c> is a calendar date.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    private KeyServerReply(KeyServerOutcome outcome, string statusLine)
    {
        Outcome = outcome;
        StatusLine = statusLine;
    }

    public KeyServerOutcome Outcome { get; }

    /// <summary>The first line as received, bounded and with control characters escaped, for the activation history.</summary>
    public string StatusLine { get; }

    /// <summary>The licence key (<c>K:</c>), only when <see cref="KeyServerOutcome.Activated"/>.</summary>
    public string? LicenceKey { get; private init; }

    /// <summary><c>D:</c>, the key server's time when it answered (no time zone: kind Unspecified).</summary>
    public DateTime? ServerTime { get; private init; }

    /// <summary><c>I:</c>, when the key was first issued; the same on every repeated call.</summary>
    public DateTime? IssuedAt { get; private init; }

    /// <summary><c>X:</c>, the last day of the licence.</summary>
    public DateOnly? ExpiresOn { get; private init; }

    /// <summary>For <see cref="KeyServerOutcome.Refused"/> the server's reason; for <see cref="KeyServerOutcome.Malformed"/> what was wrong.</summary>
    public string? Reason { get; private init; }

    public static KeyServerReply Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return Malformed(string.Empty, "The reply is empty");
        }

        if (body.Length > MaxReplyLength)
        {
            return Malformed(string.Empty, $"The reply is longer than {MaxReplyLength} characters");
        }

        // Leading blank lines are tolerated: server-side templates often emit them before the first field.
        var lines = body.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n')
            .Select((text, index) => (Number: index + 1, Text: text.TrimEnd()))
            .SkipWhile(line => line.Text.Length == 0)
            .ToList();
        var status = lines[0].Text;
        var statusLine = LogText.Encode(status);

        if (IsStatus(status, "KO"))
        {
            var reason = status[4..].TrimStart(' ', '\t', '-').Trim();
            return new KeyServerReply(KeyServerOutcome.Refused, statusLine)
            {
                Reason = reason.Length == 0 ? "The key server refused the key without a reason" : LogText.Encode(reason),
            };
        }

        if (!IsStatus(status, "OK"))
        {
            return Malformed(statusLine, $"The reply does not start with S:OK or S:KO but with '{Shorten(statusLine)}'");
        }

        var fields = new Dictionary<char, (int Number, string Value)>();
        foreach (var (number, text) in lines.Skip(1))
        {
            if (text.Length == 0)
            {
                continue;
            }

            if (text.Length < 2 || !char.IsAsciiLetterUpper(text[0]) || text[1] != ':')
            {
                return Malformed(statusLine, $"Line {number} is not a field of the form L:value: '{Shorten(LogText.Encode(text))}'");
            }

            if (!fields.TryAdd(text[0], (number, text[2..].Trim())))
            {
                return Malformed(statusLine, $"The field {text[0]}: appears more than once");
            }
        }

        if (!fields.TryGetValue('K', out var key))
        {
            return Malformed(statusLine, "The reply has no K: line (truncated?)");
        }

        if (key.Value.Length is < MinKeyLength or > MaxKeyLength)
        {
            return Malformed(statusLine, $"The key on line {key.Number} is {key.Value.Length} characters long; a key has {MinKeyLength} to {MaxKeyLength}");
        }

        if (!key.Value.All(c => c is > ' ' and <= '~'))
        {
            return Malformed(statusLine, $"The key on line {key.Number} contains characters a key cannot have");
        }

        // The dates follow the key in the documented reply, so a reply cut after the key lacks them.
        if (ReadDate(fields, 'D', DateTimeFormat, out DateTime serverTime) is { } dFailure)
        {
            return Malformed(statusLine, dFailure);
        }

        if (ReadDate(fields, 'I', DateTimeFormat, out DateTime issuedAt) is { } iFailure)
        {
            return Malformed(statusLine, iFailure);
        }

        if (ReadDate(fields, 'X', DateFormat, out DateTime expiresOn) is { } xFailure)
        {
            return Malformed(statusLine, xFailure);
        }

        return new KeyServerReply(KeyServerOutcome.Activated, statusLine)
        {
            LicenceKey = key.Value,
            ServerTime = serverTime,
            IssuedAt = issuedAt,
            ExpiresOn = DateOnly.FromDateTime(expiresOn),
        };
    }

    /// <summary>True for <c>S:OK</c> or <c>S:OK</c> followed by something that is not a letter or digit (a space, a dash).</summary>
    private static bool IsStatus(string line, string code) =>
        line.StartsWith("S:" + code, StringComparison.Ordinal) && (line.Length == 4 || !char.IsAsciiLetterOrDigit(line[4]));

    private static string? ReadDate(Dictionary<char, (int Number, string Value)> fields, char name, string format, out DateTime value)
    {
        value = default;
        if (!fields.TryGetValue(name, out var field))
        {
            return $"The reply has no {name}: line (truncated?)";
        }

        if (!DateTime.TryParseExact(field.Value, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return $"The {name}: value on line {field.Number} is '{Shorten(LogText.Encode(field.Value))}', not a date of the form {format}";
        }

        return null;
    }

    private static KeyServerReply Malformed(string statusLine, string reason) =>
        new(KeyServerOutcome.Malformed, statusLine) { Reason = reason };

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
