using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ResellerPortal.Web.Tenancy;

namespace ResellerPortal.Web.Infrastructure;

public static class PipelineRegistration
{
    public static WebApplication UsePortal(this WebApplication app)
    {
        var portal = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<MalformedPathMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }

        if (portal.Https)
        {
            app.UseHttpsRedirection();
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        // After static files (not logged); its line is written when the request ends, with the user and tenant.
        app.UsePortalRequestLogging();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<TenantMiddleware>();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapControllers();
        return app;
    }
}
