using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ResellerPortal.Web.Jobs;
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
        // The jobs dashboard's commands are script calls that read the status (401 read-only, 403 bad token);
        // re-executing them as a portal error page (a POST through MVC's antiforgery filter) would hide it.
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(JobsDashboard.Path, StringComparison.OrdinalIgnoreCase)
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }

            return next(context);
        });
        app.UseStaticFiles();
        // After static files (not logged); its line is written when the request ends, with the user and tenant.
        app.UsePortalRequestLogging();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<Features.Acting.ActingExpiryMiddleware>();
        app.UseMiddleware<TenantMiddleware>();
        Features.ClientPortal.ClientPortalRegistration.UseClientPortal(app);
        app.UseAuthorization();
        app.UseMiddleware<Features.Security.TwoFactorRequirement>();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapControllers();
        app.MapJobsDashboard();
        return app;
    }
}
