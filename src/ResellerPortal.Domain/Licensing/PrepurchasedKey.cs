using System.Security.Cryptography;
using System.Text;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain.Licensing;

/// <summary>
/// A pre-purchased key in a reseller's stock (§4). The key is a secret: the row keeps it encrypted
/// (<see cref="TextProtected"/>, by the host), its masked form for lists, and a SHA-256 fingerprint
/// so that a key already in stock anywhere on the platform is refused without decrypting anything.
/// Its status is that of its activation (<see cref="LicenceActivation"/>), if it has one.
/// </summary>
public sealed class PrepurchasedKey : ITenantOwned, IAudited
{
    public const int FingerprintLength = 64;
    public const int ImportedByMaxLength = 256;

    private PrepurchasedKey()
    {
        TextProtected = Fingerprint = Masked = Product = ImportedBy = string.Empty;
    }

    private PrepurchasedKey(Guid resellerId, Ppk ppk, string textProtected, DateTimeOffset now, string actor)
        : this()
    {
        Id = Guid.CreateVersion7(now);
        ResellerId = resellerId;
        TextProtected = textProtected;
        Fingerprint = FingerprintOf(ppk);
        Masked = ppk.Masked;
        Product = ppk.Product;
        Agents = ppk.Agents;
        Servers = ppk.Servers;
        Days = ppk.Days;
        ImportedAt = now;
        ImportedBy = actor.Length > ImportedByMaxLength ? actor[..ImportedByMaxLength] : actor;
    }

    public Guid Id { get; private set; }

    public Guid ResellerId { get; private set; }

    /// <summary>The key's text, encrypted by the host; decrypted only to call the key server or to show it to whoever activates it.</summary>
    public string TextProtected { get; private set; }

    /// <summary>Hex SHA-256 of the key's text: unique across the platform.</summary>
    public string Fingerprint { get; private set; }

    public string Masked { get; private set; }

    public string Product { get; private set; }

    public int Agents { get; private set; }

    public int Servers { get; private set; }

    public int Days { get; private set; }

    public DateTimeOffset ImportedAt { get; private set; }

    public string ImportedBy { get; private set; }

    public static PrepurchasedKey Import(Guid resellerId, Ppk ppk, string textProtected, DateTimeOffset now, string actor)
    {
        ArgumentException.ThrowIfNullOrEmpty(textProtected);
        return new PrepurchasedKey(resellerId, ppk, textProtected, now, actor);
    }

    /// <summary>
    /// The fingerprint the duplicate check compares. A key's id carries far more randomness than a
    /// guess can cover, so an unsalted hash reveals nothing usable; it must be deterministic to be unique.
    /// </summary>
    public static string FingerprintOf(Ppk ppk) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ppk.Text)));

    /// <summary>A key can license an instance of up to its number of agents (§4: no upgrade, no downgrade).</summary>
    public bool Covers(int instanceAgents) => Agents >= instanceAgents;
}
