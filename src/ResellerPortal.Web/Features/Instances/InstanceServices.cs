using ResellerPortal.Web.Features.Network;

namespace ResellerPortal.Web.Features.Instances;

public static class InstanceServices
{
    public static IServiceCollection AddInstances(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<InstanceOptions>(configuration.GetSection(InstanceOptions.Section));
        services.Configure<NetworkStatusOptions>(configuration.GetSection(NetworkStatusOptions.Section));
        services.AddSingleton<InstanceSecrets>();
        services.AddSingleton<IProvisioningTarget, SimulatedProvisioningTarget>();
        services.AddScoped<ListInstances>();
        services.AddScoped<NameAvailability>();
        services.AddScoped<CreateInstance>();
        services.AddScoped<EditInstance>();
        services.AddScoped<InstanceHistory>();
        services.AddScoped<InstanceProvisioning>();
        services.AddScoped<ProvisioningTrigger>();
        services.AddScoped<InstanceLifecycle>();
        services.AddScoped<CertificateExpiryWarnings>();
        services.AddScoped<Home.ResellerDashboard>();
        services.AddMemoryCache();
        services.AddSingleton<NetworkStatusCache>();
        services.AddHttpClient<NetworkStatusReader>();
        return services;
    }
}
