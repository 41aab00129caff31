namespace ResellerPortal.Web.Features.Acting;

public static class ActingRegistration
{
    /// <summary>Acting as another login (issue 13): start, stop, the "acted as you" list.</summary>
    public static IServiceCollection AddActingFeature(this IServiceCollection services)
    {
        services.AddScoped<StartActing>();
        services.AddScoped<StopActing>();
        services.AddScoped<ActedAs>();
        return services;
    }
}
