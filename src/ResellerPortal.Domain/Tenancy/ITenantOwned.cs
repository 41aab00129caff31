namespace ResellerPortal.Domain.Tenancy;

/// <summary>A row that belongs to exactly one reseller; the data layer filters and stamps it.</summary>
public interface ITenantOwned
{
    Guid ResellerId { get; }
}
