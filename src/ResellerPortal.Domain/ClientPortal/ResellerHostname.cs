using System.Text.RegularExpressions;
using ResellerPortal.Domain.Auditing;

namespace ResellerPortal.Domain.ClientPortal;

/// <summary>
/// A custom host name under which a reseller's clients reach its portal (§7). Unique across the
/// platform (a host selects one reseller); it selects the reseller only once the provider has verified
/// it, so a reseller cannot claim another company's name by typing it in.
/// </summary>
public sealed partial class ResellerHostname : IAudited
{
    public const int HostnameMaxLength = 253;

    private ResellerHostname()
    {
        Hostname = string.Empty;
    }

    public ResellerHostname(Guid resellerId, string hostname, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        ResellerId = resellerId;
        Hostname = Normalize(hostname) ?? throw new RuleViolationException(nameof(Hostname), InvalidMessage);
        CreatedAt = createdAt;
    }

    public const string InvalidMessage = "Enter a host name such as portal.example.com (no scheme, port or path).";

    public Guid Id { get; private set; }

    public Guid ResellerId { get; private set; }

    /// <summary>Lower case, no port, no final dot.</summary>
    public string Hostname { get; private set; }

    public bool IsVerified { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? VerifiedAt { get; private set; }

    public void Verify(DateTimeOffset now)
    {
        IsVerified = true;
        VerifiedAt ??= now;
    }

    /// <summary>The stored form of a host name, or null when it is not one (labels of letters, digits and dashes, at least one dot).</summary>
    public static string? Normalize(string? hostname)
    {
        var value = hostname?.Trim().TrimEnd('.').ToLowerInvariant();
        return value is { Length: > 0 and <= HostnameMaxLength } && HostPattern().IsMatch(value) ? value : null;
    }

    [GeneratedRegex("^(?=.{1,253}\\z)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();
}
