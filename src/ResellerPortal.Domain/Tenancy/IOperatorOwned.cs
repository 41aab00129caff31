namespace ResellerPortal.Domain.Tenancy;

/// <summary>A row that belongs to one operator; a ResellerUser sees it only when assigned to that operator (§1).</summary>
public interface IOperatorOwned : ITenantOwned
{
    Guid OperatorId { get; }
}
