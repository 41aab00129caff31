namespace ResellerPortal.Web.Features.Audit;

public static class AuditRegistration
{
    /// <summary>The audit trail page and export, and the wording of history wherever it is shown.</summary>
    public static IServiceCollection AddAuditFeature(this IServiceCollection services)
    {
        services.AddScoped<AuditDisplay>();
        services.AddScoped<AuditTrail>();
        return services;
    }
}
