namespace ResellerPortal.Web.Tenancy;

/// <summary>
/// Sets the request's <see cref="TenantContext"/> from the signed-in user. For the cookie it is
/// already set, earlier, by the cookie's principal validation (see <c>ServiceRegistration</c>), because
/// the security-stamp check queries the database before this middleware runs.
/// </summary>
public sealed class TenantMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        if (!tenant.IsSet)
        {
            tenant.UsePrincipal(context.User);
        }

        return next(context);
    }
}
