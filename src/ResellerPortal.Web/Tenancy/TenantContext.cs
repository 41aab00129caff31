namespace ResellerPortal.Web.Tenancy;

/// <summary>
/// Whose data the current unit of work may see: set once per request by <see cref="TenantMiddleware"/>
/// from the signed-in user, or explicitly by a job for each tenant it works on. Until it is set it
/// sees nothing (fail closed).
/// </summary>
public sealed class TenantContext
{
    public Guid? ResellerId { get; private set; }

    /// <summary>Platform staff (PlatformAdmin, Support) and platform jobs see every tenant.</summary>
    public bool SeesAllTenants { get; private set; }

    /// <summary>For a ResellerUser, the operators they are assigned to; null means every operator of the tenant.</summary>
    public List<Guid>? OperatorScope { get; private set; }

    public bool IsSet => SeesAllTenants || ResellerId is not null;

    public void UsePlatform()
    {
        SeesAllTenants = true;
        ResellerId = null;
        OperatorScope = null;
    }

    public void UseReseller(Guid resellerId, IEnumerable<Guid>? operatorScope = null)
    {
        SeesAllTenants = false;
        ResellerId = resellerId;
        OperatorScope = operatorScope?.ToList();
    }
}
