using ResellerPortal.Web.Auth;

namespace ResellerPortal.Web.Tenancy;

/// <summary>Sets the request's <see cref="TenantContext"/> from the signed-in user's claims.</summary>
public sealed class TenantMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            if (user.IsPlatformStaff())
            {
                tenant.UsePlatform();
            }
            else if (user.GetResellerId() is { } resellerId)
            {
                tenant.UseReseller(resellerId, user.GetOperatorScope());
            }
        }

        return next(context);
    }
}
