using System.Text.RegularExpressions;
using ResellerPortal.Domain.Auditing;

namespace ResellerPortal.Domain;

/// <summary>A tenant: a company that resells the provider's services (§1).</summary>
public sealed partial class Reseller : IAudited
{
    public const int NameMaxLength = 100;
    public const int SlugMaxLength = 40;

    private Reseller()
    {
        Name = string.Empty;
        Slug = string.Empty;
    }

    public Reseller(string name, string slug, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        Name = name.Trim();
        Slug = NormalizeSlug(slug);
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>URL-safe name used by the client portal fallback route <c>/c/{slug}</c> (§7).</summary>
    public string Slug { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsActive { get; private set; } = true;

    /// <summary>
    /// The address sent to the key server as <c>K_email</c> when this reseller activates a key (§4);
    /// the key server mails its note there. Null: the portal's configured default.
    /// </summary>
    public string? LicenceEmail { get; private set; }

    public void Rename(string name) => Name = name.Trim();

    public void ChangeSlug(string slug) => Slug = NormalizeSlug(slug);

    public void Deactivate() => IsActive = false;

    public void SetLicenceEmail(string? email) => LicenceEmail = string.IsNullOrWhiteSpace(email) ? null : email.Trim();

    public void Activate() => IsActive = true;

    public static string NormalizeSlug(string slug) => slug.Trim().ToLowerInvariant();

    /// <summary>Lower-case letters, digits and single dashes, 2–40 characters, not starting or ending with a dash.</summary>
    public static bool IsValidSlug(string? slug) =>
        slug is { Length: >= 2 and <= SlugMaxLength } && SlugPattern().IsMatch(slug);

    // \z, not $: $ also matches before a final newline, which would let "acme\n" through.
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
