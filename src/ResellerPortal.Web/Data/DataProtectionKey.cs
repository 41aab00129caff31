namespace ResellerPortal.Web.Data;

/// <summary>An ASP.NET Core Data Protection key, shared by every node through the database.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public string Xml { get; set; } = string.Empty;
}
