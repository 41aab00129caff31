namespace ResellerPortal.Domain;

/// <summary>The five roles of PRODUCT.md §1. A login holds exactly one of them.</summary>
public static class Roles
{
    public const string PlatformAdmin = nameof(PlatformAdmin);
    public const string Support = nameof(Support);
    public const string ResellerAdmin = nameof(ResellerAdmin);
    public const string ResellerUser = nameof(ResellerUser);
    public const string Client = nameof(Client);

    public static IReadOnlyList<string> All { get; } = [PlatformAdmin, Support, ResellerAdmin, ResellerUser, Client];

    /// <summary>Roles whose logins belong to a reseller rather than to the platform.</summary>
    public static IReadOnlyList<string> TenantRoles { get; } = [ResellerAdmin, ResellerUser, Client];

    public static bool BelongsToReseller(string role) => TenantRoles.Contains(role);

    /// <summary>The role as people read it in the page header.</summary>
    public static string Label(string role) => role switch
    {
        PlatformAdmin => "Platform admin",
        Support => "Support",
        ResellerAdmin => "Reseller admin",
        ResellerUser => "Reseller staff",
        Client => "Client",
        _ => role,
    };

    /// <summary>
    /// Rank used to refuse acting as someone with more rights (§8): a lower number is more powerful.
    /// </summary>
    public static int Rank(string role) => role switch
    {
        PlatformAdmin => 0,
        Support => 1,
        ResellerAdmin => 2,
        ResellerUser => 3,
        Client => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };
}
