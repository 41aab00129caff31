using System.Text.RegularExpressions;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain;

/// <summary>
/// A reseller's profile towards the provider (e.g. "EU" and "US"), with the domain that hosts its
/// instances (§2).
/// </summary>
public sealed partial class Operator : ITenantOwned, IAudited
{
    public const int NameMaxLength = 80;
    public const int DomainMaxLength = 253;

    /// <summary>
    /// A domain belongs to one operator on the whole platform (its certificate warnings go to one reseller).
    /// The refusal says only that it is taken, never who holds it.
    /// </summary>
    public const string DomainTaken = "This domain is already used by another operator. Each domain belongs to one operator on the platform.";

    private Operator()
    {
        Name = string.Empty;
        Domain = string.Empty;
    }

    public Operator(Guid resellerId, string name, string domain, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        ResellerId = resellerId;
        Name = name.Trim();
        Domain = NormalizeDomain(domain);
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid ResellerId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The host name under which this operator's instances are served, e.g. <c>eu.example-live.com</c>.</summary>
    public string Domain { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Expiry of the SSL certificate of <see cref="Domain"/>, when the provider holds one (§2).</summary>
    public DateOnly? CertificateExpiresOn { get; private set; }

    public void SetCertificateExpiry(DateOnly? expiresOn) => CertificateExpiresOn = expiresOn;

    public void Rename(string name) => Name = name.Trim();

    public void MoveToDomain(string domain) => Domain = NormalizeDomain(domain);

    public static string NormalizeDomain(string domain) => domain.Trim().TrimEnd('.').ToLowerInvariant();

    /// <summary>A DNS host name: dot-separated labels of letters, digits and inner dashes, at least two labels.</summary>
    public static bool IsValidDomain(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain))
        {
            return false;
        }

        var normalized = NormalizeDomain(domain);
        return normalized.Length <= DomainMaxLength && DomainPattern().IsMatch(normalized);
    }

    [GeneratedRegex("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();
}
