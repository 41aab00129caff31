namespace ResellerPortal.Web.Features.Dids;

public static class DidsRegistration
{
    /// <summary>The use cases of the reseller's DIDs: one class each.</summary>
    public static IServiceCollection AddDidsFeature(this IServiceCollection services)
    {
        services.AddScoped<ListDids>();
        services.AddScoped<DidDetails>();
        services.AddScoped<AddDids>();
        services.AddScoped<ConnectDid>();
        services.AddScoped<UnconnectDid>();
        services.AddScoped<ReplaceDid>();
        services.AddScoped<SaveDidDefaults>();
        return services;
    }
}
