using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Acting;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Infrastructure;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Acting;

/// <summary>Where the real person lands after acting, and whether they are still signed in.</summary>
public sealed record StoppedActing(string ReturnTo, string? TargetName, bool SignedIn);

/// <summary>
/// Ends acting (§8), by the button, by the time limit or by logging out: the session is closed with how it ended, and
/// the real person is signed in again as themselves, back on the user list they started from. If the real person's
/// login was disabled or signed out meanwhile (their stamp changed), nobody is signed in.
/// </summary>
public sealed class StopActing(
    PortalDbContext db,
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signIn,
    IHttpContextAccessor http,
    TimeProvider clock,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _security = loggerFactory.CreateLogger(SecurityEvents.Category);

    public async Task<Result<StoppedActing>> HandleAsync(ActingEnd how, CancellationToken ct)
    {
        var principal = http.HttpContext!.User;
        if (principal.Acting() is not { } acting)
        {
            return new StoppedActing("/", null, true);
        }

        var session = await db.ActingSessions.SingleOrDefaultAsync(s => s.Id == acting.SessionId, ct);
        session?.End(clock.GetUtcNow(), how);
        await db.SaveChangesAsync(ct);
        _security.LogInformation("Security: {Real} stopped acting as {Target} (session {Session}, {How})",
            LogText.Encode(acting.RealName), LogText.Encode(acting.TargetEmail), acting.SessionId, how);

        var real = await users.FindByIdAsync(acting.RealUserId.ToString());
        if (how == ActingEnd.SignedOut || real is null || real.IsDisabled || real.SecurityStamp != acting.RealStamp)
        {
            await signIn.SignOutAsync();
            return new StoppedActing("/account/login", acting.TargetName, false);
        }

        // Back where the button was: a client's page on the staff side, else the reseller's page or the user list.
        var client = principal.GetClientId();
        await signIn.SignInAsync(real, isPersistent: false);
        var returnTo = client is { } clientId ? $"/clients/{clientId}"
            : acting.RealRole is Roles.PlatformAdmin or Roles.Support
            ? session?.TargetResellerId is { } reseller ? $"/admin/resellers/{reseller}" : "/admin/resellers"
            : "/users";
        return new StoppedActing(returnTo, acting.TargetName, true);
    }
}
