using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ResellerPortal.Domain.Licensing;

/// <summary>Why a text is not a pre-purchased key.</summary>
public enum PpkError
{
    Empty,
    TooLong,
    Whitespace,
    LowerCase,
    InvalidCharacter,
    MissingColon,
    ExtraColon,
    MalformedKeyId,
    MalformedLicence,
    MalformedProduct,
    NotANumber,
    LeadingZero,
    Zero,
    TooLarge,

    /// <summary>Only in a pasted list: the same key appears on an earlier line.</summary>
    Duplicate,
}

public sealed record PpkFailure(PpkError Error, string Reason);

/// <summary>The outcome of <see cref="Ppk.Parse"/>: a key or the reason the text is not one.</summary>
public sealed class PpkParseResult
{
    private PpkParseResult(Ppk? ppk, PpkFailure? failure)
    {
        Ppk = ppk;
        Failure = failure;
    }

    [MemberNotNullWhen(true, nameof(Ppk))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsValid => Ppk is not null;

    public Ppk? Ppk { get; }

    public PpkFailure? Failure { get; }

    internal static PpkParseResult Valid(Ppk ppk) => new(ppk, null);

    internal static PpkParseResult Invalid(PpkError error, string reason) => new(null, new PpkFailure(error, reason));
}

/// <summary>
/// A pre-purchased key (§4) exactly as sold, <c>&lt;prefix&gt;-&lt;vendor&gt;-&lt;id&gt;:&lt;product&gt;-&lt;agents&gt;/&lt;servers&gt;/&lt;days&gt;</c>,
/// e.g. <c>XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90</c> (50 agents, 1 server, 90 days).
/// The key server looks the text up as it is, so nothing is normalised: lower case, spaces and
/// leading zeros are refused rather than corrected, and <see cref="Text"/> is the input itself.
/// </summary>
public sealed class Ppk : IEquatable<Ppk>
{
    public const int MaxLength = 100;

    /// <summary>Six digits are far beyond any licence sold; more is a typing error, not a key.</summary>
    public const int MaxNumberDigits = 6;

    public const string Shape = "<prefix>-<vendor>-<id>:<product>-<agents>/<servers>/<days>";

    private Ppk(string text, string prefix, string vendor, string id, string product, int agents, int servers, int days)
    {
        Text = text;
        Prefix = prefix;
        Vendor = vendor;
        Id = id;
        Product = product;
        Agents = agents;
        Servers = servers;
        Days = days;
    }

    /// <summary>The key in full, as it is sent to the key server. A secret: see <see cref="Masked"/>.</summary>
    public string Text { get; }

    public string Prefix { get; }

    public string Vendor { get; }

    public string Id { get; }

    /// <summary>The product code, e.g. QM for QueueMetrics.</summary>
    public string Product { get; }

    public int Agents { get; }

    public int Servers { get; }

    public int Days { get; }

    /// <summary>The key with all but the last four characters of its id hidden, for lists and logs.</summary>
    public string Masked
    {
        get
        {
            var shown = Id.Length > 4 ? Id[^4..] : string.Empty;
            return $"{Prefix}-{Vendor}-{new string('*', Id.Length - shown.Length)}{shown}:{Product}-{Agents}/{Servers}/{Days}";
        }
    }

    /// <summary>Reads a key; never throws. The text must be the key alone, without surrounding spaces.</summary>
    public static PpkParseResult Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return PpkParseResult.Invalid(PpkError.Empty, "The key is empty");
        }

        if (text.Length > MaxLength)
        {
            return PpkParseResult.Invalid(PpkError.TooLong, $"The key is longer than {MaxLength} characters");
        }

        if (text.Any(char.IsWhiteSpace))
        {
            return PpkParseResult.Invalid(PpkError.Whitespace, "The key contains spaces; write it on one line without spaces");
        }

        if (text.Any(char.IsAsciiLetterLower))
        {
            // Lower case is only the problem when the key is otherwise right; else the deeper fault
            // (letters where a number belongs, a missing ':') is the reason worth giving.
            var upper = Parse(text.ToUpperInvariant());
            return upper.IsValid ? PpkParseResult.Invalid(PpkError.LowerCase, "The key must be in upper case, exactly as sold") : upper;
        }

        var invalid = text.FirstOrDefault(c => !IsKeyCharacter(c));
        if (invalid != default)
        {
            return PpkParseResult.Invalid(PpkError.InvalidCharacter, $"The key contains {Describe(invalid)}, which is not allowed; only A-Z, 0-9, '-', ':' and '/' are");
        }

        var colons = text.Count(c => c == ':');
        if (colons == 0)
        {
            return PpkParseResult.Invalid(PpkError.MissingColon, $"The key has no ':' between its id and its licence; expected {Shape}");
        }

        if (colons > 1)
        {
            return PpkParseResult.Invalid(PpkError.ExtraColon, $"The key has more than one ':'; expected {Shape}");
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var keyId = text[..colon];
        var licence = text[(colon + 1)..];

        var idParts = keyId.Split('-');
        if (idParts.Length != 3 || idParts.Any(p => p.Length == 0) || idParts.Any(p => p.Contains('/', StringComparison.Ordinal)))
        {
            return PpkParseResult.Invalid(PpkError.MalformedKeyId, "The part before ':' must be <prefix>-<vendor>-<id>, e.g. XQI-LOWAY-74KKMREX6TOH1");
        }

        var dash = licence.IndexOf('-', StringComparison.Ordinal);
        var counts = dash < 0 ? [] : licence[(dash + 1)..].Split('/');
        if (dash <= 0 || counts.Length != 3 || licence.Count(c => c == '-') != 1 || licence[..dash].Contains('/', StringComparison.Ordinal))
        {
            return PpkParseResult.Invalid(PpkError.MalformedLicence, "The part after ':' must be <product>-<agents>/<servers>/<days>, e.g. QM-50/1/90");
        }

        var product = licence[..dash];
        if (!char.IsAsciiLetterUpper(product[0]))
        {
            return PpkParseResult.Invalid(PpkError.MalformedProduct, $"The product '{product}' must start with a letter, e.g. QM");
        }

        if (ReadCount(counts[0], "agents") is { } agentsFailure)
        {
            return agentsFailure;
        }

        if (ReadCount(counts[1], "servers") is { } serversFailure)
        {
            return serversFailure;
        }

        if (ReadCount(counts[2], "days") is { } daysFailure)
        {
            return daysFailure;
        }

        return PpkParseResult.Valid(new Ppk(
            text,
            idParts[0],
            idParts[1],
            idParts[2],
            product,
            int.Parse(counts[0], NumberStyles.None, CultureInfo.InvariantCulture),
            int.Parse(counts[1], NumberStyles.None, CultureInfo.InvariantCulture),
            int.Parse(counts[2], NumberStyles.None, CultureInfo.InvariantCulture)));
    }

    /// <summary>Reads a key already known to be valid (e.g. from the inventory); throws if it is not.</summary>
    public static Ppk FromText(string text)
    {
        var result = Parse(text);
        return result.IsValid ? result.Ppk : throw new FormatException(result.Failure.Reason);
    }

    public bool Equals(Ppk? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Ppk other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <summary>The masked form, so that a key interpolated into a log line or a message does not leak.</summary>
    public override string ToString() => Masked;

    private static PpkParseResult? ReadCount(string value, string name)
    {
        if (value.Length == 0)
        {
            return PpkParseResult.Invalid(PpkError.NotANumber, $"The number of {name} is missing");
        }

        if (!value.All(char.IsAsciiDigit))
        {
            return PpkParseResult.Invalid(PpkError.NotANumber, $"The number of {name} '{value}' is not a whole number");
        }

        if (value.All(c => c == '0'))
        {
            return PpkParseResult.Invalid(PpkError.Zero, $"The number of {name} must be at least 1");
        }

        if (value[0] == '0')
        {
            return PpkParseResult.Invalid(PpkError.LeadingZero, $"The number of {name} '{value}' starts with 0");
        }

        if (value.Length > MaxNumberDigits)
        {
            return PpkParseResult.Invalid(PpkError.TooLarge, $"The number of {name} '{value}' is too large");
        }

        return null;
    }

    private static bool IsKeyCharacter(char c) => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '-' or ':' or '/';

    private static string Describe(char c) =>
        char.IsControl(c) || c > '\u007e'
            ? $"the character U+{(int)c:X4}"
            : $"'{c}'";
}
