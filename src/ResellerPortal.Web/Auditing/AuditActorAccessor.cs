using System.Security.Claims;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Web.Auth;

namespace ResellerPortal.Web.Auditing;

/// <summary>
/// Who the current unit of work acts as: the signed-in user of the request (and the real person
/// behind an impersonation), or the job that set <see cref="UseSystem"/>.
/// </summary>
public sealed class AuditActorAccessor(IHttpContextAccessor httpContextAccessor)
{
    private AuditActor? _override;

    public void UseSystem(string what) => _override = AuditActor.System(what);

    /// <summary>The name shown on a record as "last changed by": the user's display name, or the job's name.</summary>
    public string DisplayName() =>
        _override?.Name ?? (httpContextAccessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user.GetDisplayName() : "anonymous");

    public AuditActor Current()
    {
        if (_override is not null)
        {
            return _override;
        }

        var http = httpContextAccessor.HttpContext;
        var user = http?.User;
        var ip = http?.Connection.RemoteIpAddress?.ToString();
        if (user?.Identity?.IsAuthenticated != true)
        {
            return new AuditActor(null, "anonymous", null, null, ip);
        }

        Guid? realId = Guid.TryParse(user.FindFirstValue(PortalClaims.RealUserId), out var r) ? r : null;
        Guid? session = Guid.TryParse(user.FindFirstValue(PortalClaims.ActingSession), out var s) ? s : null;
        return new AuditActor(user.GetUserId(), user.Identity.Name ?? user.GetDisplayName(), realId, user.FindFirstValue(PortalClaims.RealUserName), ip, session);
    }
}
