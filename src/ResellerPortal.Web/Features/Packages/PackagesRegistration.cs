namespace ResellerPortal.Web.Features.Packages;

public static class PackagesRegistration
{
    /// <summary>The use cases of the reseller's packages: one class each.</summary>
    public static IServiceCollection AddPackagesFeature(this IServiceCollection services)
    {
        services.AddScoped<ListPackages>();
        services.AddScoped<PackageDetails>();
        services.AddScoped<CreatePackage>();
        services.AddScoped<EditPackage>();
        services.AddScoped<CopyPackage>();
        services.AddScoped<DeletePackage>();
        return services;
    }
}
