namespace ResellerPortal.Domain.Auditing;

/// <summary>Marks an entity whose inserts, updates and deletes go to the audit trail.</summary>
public interface IAudited
{
    Guid Id { get; }
}
