namespace ResellerPortal.Web.Features.Branding;

/// <summary>Settings of the branding feature (section <c>Branding</c>).</summary>
public sealed class BrandingOptions
{
    public const string Section = "Branding";

    /// <summary>The largest image a reseller may upload, in bytes (1 MB unless configured).</summary>
    public int MaxImageBytes { get; set; } = 1024 * 1024;
}

public static class BrandingRegistration
{
    /// <summary>The branding page and the e-mail templates (issue 12, items 1, 7 and 8).</summary>
    public static IServiceCollection AddBrandingFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BrandingOptions>(configuration.GetSection(BrandingOptions.Section));
        services.AddScoped<SaveBranding>();
        services.AddScoped<PreviewBranding>();
        services.AddScoped<EditEmailTemplate>();
        services.AddScoped<SaveSender>();
        return services;
    }
}
