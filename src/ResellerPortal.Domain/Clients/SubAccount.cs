using System.Text.RegularExpressions;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain.Clients;

/// <summary>
/// A user or device account (PBX, IP phone, softphone, ATA) connected to a client (§5). The package is
/// assigned here, not on the client, and its monthly fee is charged per connected sub-account. An
/// unconnected sub-account stays with the reseller and can be connected to a client again.
/// </summary>
public sealed partial class SubAccount : ITenantOwned, IAudited
{
    public const int NameMaxLength = 40;
    public const int DescriptionMaxLength = 200;

    private SubAccount()
    {
        Name = string.Empty;
        Description = string.Empty;
    }

    public SubAccount(Guid resellerId, string name, string description, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        ResellerId = resellerId;
        Name = name.Trim().ToLowerInvariant();
        Description = description.Trim();
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid ResellerId { get; private set; }

    /// <summary>The account's user name, unique within the reseller.</summary>
    public string Name { get; private set; }

    public string Description { get; private set; }

    public Guid? ClientId { get; private set; }

    public Guid? PackageId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ConnectedAt { get; private set; }

    public bool IsConnected => ClientId is not null;

    public void Describe(string description) => Description = description.Trim();

    public void ConnectTo(Guid clientId, DateTimeOffset now)
    {
        if (ClientId == clientId)
        {
            throw new InvalidOperationException("The sub-account is already connected to this client.");
        }

        ClientId = clientId;
        ConnectedAt = now;
    }

    /// <summary>Detaches the sub-account from its client; its package goes too, since billing follows the connection.</summary>
    public void Unconnect()
    {
        if (ClientId is null)
        {
            throw new InvalidOperationException("The sub-account is not connected.");
        }

        ClientId = null;
        ConnectedAt = null;
        PackageId = null;
    }

    public void AssignPackage(Guid? packageId) => PackageId = packageId;

    /// <summary>2–40 lower-case letters, digits, dots, dashes and underscores, starting with a letter or digit.</summary>
    public static bool IsValidName(string? name) =>
        name is not null && NamePattern().IsMatch(name.Trim().ToLowerInvariant());

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,39}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
