using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain;

/// <summary>Links a reseller user to one of the reseller's operators; a user may have several (§1).</summary>
public sealed class OperatorAssignment : ITenantOwned
{
    private OperatorAssignment()
    {
    }

    public OperatorAssignment(Guid resellerId, Guid userId, Guid operatorId)
    {
        ResellerId = resellerId;
        UserId = userId;
        OperatorId = operatorId;
    }

    public Guid ResellerId { get; private set; }

    public Guid UserId { get; private set; }

    public Guid OperatorId { get; private set; }
}
