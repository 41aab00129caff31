using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Acting;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Acting;

/// <summary>
/// Checked on every request while someone acts as another login (§8): past the time limit, the actor is returned to
/// their own account with a message; when the real person's own login was disabled or signed out meanwhile (their
/// security stamp changed), the acting session ends and nobody stays signed in. Runs after authentication and before
/// the tenant is set, so the request that finds the end is answered with a redirect and touches nothing else.
/// </summary>
public sealed class ActingExpiryMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, TimeProvider clock)
    {
        if (context.User.Acting() is not { } acting)
        {
            await next(context);
            return;
        }

        var services = context.RequestServices;
        var expired = clock.GetUtcNow() >= acting.Until;
        if (!expired)
        {
            var db = services.GetRequiredService<PortalDbContext>();
            var real = await db.Users.IgnoreQueryFilters().Where(u => u.Id == acting.RealUserId)
                .Select(u => new { u.SecurityStamp, u.IsDisabled }).SingleOrDefaultAsync(context.RequestAborted);
            if (real is not null && !real.IsDisabled && real.SecurityStamp == acting.RealStamp)
            {
                await next(context);
                return;
            }
        }

        var stopped = (await services.GetRequiredService<StopActing>().HandleAsync(expired ? ActingEnd.Expired : ActingEnd.SignedOut, context.RequestAborted)).Value;
        if (expired && stopped.SignedIn)
        {
            var tempData = services.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context);
            tempData["Flash"] = $"Your time acting as {acting.TargetName} ended; you are back in your own account.";
            tempData.Save();
        }

        if (context.Request.Headers.ContainsKey("HX-Request"))
        {
            context.Response.Headers["HX-Redirect"] = stopped.ReturnTo;
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        context.Response.Redirect(stopped.ReturnTo);
    }
}
