using System.Text.RegularExpressions;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Packages;
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

    /// <summary>Connects a free sub-account (one without a client, hence without a package) to a client.</summary>
    public void ConnectTo(Guid clientId, DateTimeOffset now)
    {
        if (IsConnected)
        {
            throw new RuleViolationException("SubAccountId", $"{Name} is already connected to a client.");
        }

        ClientId = clientId;
        ConnectedAt = now;
    }

    /// <summary>
    /// Moves a connected sub-account, with its DIDs, to another client of the reseller. Its package goes with
    /// it, so the other client must be billed in the package's currency. <paramref name="package"/> is the
    /// sub-account's current package (null when it has none).
    /// </summary>
    public void MoveTo(Client target, Package? package, DateTimeOffset now)
    {
        if (package?.Id != PackageId)
        {
            throw new ArgumentException("Pass the sub-account's own package.", nameof(package));
        }

        if (ClientId is null)
        {
            throw new RuleViolationException(string.Empty, "The sub-account is not connected; connect it to a client instead.");
        }

        if (target.Id == ClientId)
        {
            throw new RuleViolationException("ClientEmail", "The sub-account is already with this client.");
        }

        if (package is not null && package.Currency != target.Currency)
        {
            throw new RuleViolationException("ClientEmail", $"Its package is in {package.Currency} but that client is billed in {target.Currency}; change the package first.");
        }

        ClientId = target.Id;
        ConnectedAt = now;
    }

    /// <summary>Detaches the sub-account from its client; its package goes too, since billing follows the connection.</summary>
    public void Unconnect()
    {
        if (ClientId is null)
        {
            throw new RuleViolationException(string.Empty, "The sub-account is not connected.");
        }

        ClientId = null;
        ConnectedAt = null;
        PackageId = null;
    }

    /// <summary>
    /// Assigns one of the reseller's packages to the sub-account of <paramref name="client"/>: the package's
    /// amounts are charged to the client, so it must be in the client's currency (§5).
    /// </summary>
    public void AssignPackage(Package package, Client client)
    {
        if (ClientId is null || ClientId != client.Id)
        {
            throw new RuleViolationException(nameof(PackageId), "Connect the sub-account to a client before assigning a package.");
        }

        if (package.ResellerId != ResellerId)
        {
            throw new ArgumentException("The package belongs to another reseller.", nameof(package));
        }

        if (package.Currency != client.Currency)
        {
            throw new RuleViolationException(nameof(PackageId), $"Choose a package in {client.Currency}, the client's currency.");
        }

        PackageId = package.Id;
    }

    public void RemovePackage() => PackageId = null;

    /// <summary>2–40 lower-case letters, digits, dots, dashes and underscores, starting with a letter or digit.</summary>
    public static bool IsValidName(string? name) =>
        name is not null && NamePattern().IsMatch(name.Trim().ToLowerInvariant());

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,39}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
