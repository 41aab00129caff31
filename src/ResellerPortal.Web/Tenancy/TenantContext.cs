using System.Security.Claims;
using ResellerPortal.Web.Auth;

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

    /// <summary>True once a DbContext has built its filters from this tenant.</summary>
    public bool IsFixed { get; private set; }

    public void Fix() => IsFixed = true;

    public void UsePlatform() => Set(true, null, null);

    public void UseReseller(Guid resellerId, IEnumerable<Guid>? operatorScope = null) => Set(false, resellerId, operatorScope?.ToList());

    /// <summary>The tenant a signed-in user acts in: all of them for the provider's staff, else their reseller (and operators).</summary>
    public void UsePrincipal(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return;
        }

        if (user.IsPlatformStaff())
        {
            UsePlatform();
        }
        else if (user.GetResellerId() is { } resellerId)
        {
            UseReseller(resellerId, user.GetOperatorScope());
        }
    }

    private void Set(bool all, Guid? resellerId, List<Guid>? operatorScope)
    {
        if (IsFixed && (all != SeesAllTenants || resellerId != ResellerId || !SameScope(operatorScope, OperatorScope)))
        {
            throw new InvalidOperationException("The tenant of this unit of work is already in use by the database context; set it before the first query.");
        }

        SeesAllTenants = all;
        ResellerId = resellerId;
        OperatorScope = operatorScope;
    }

    private static bool SameScope(List<Guid>? a, List<Guid>? b) =>
        a is null ? b is null : b is not null && a.Order().SequenceEqual(b.Order());
}
