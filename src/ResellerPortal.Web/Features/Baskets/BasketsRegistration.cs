namespace ResellerPortal.Web.Features.Baskets;

public static class BasketsRegistration
{
    /// <summary>The use cases of basket items (issue 11).</summary>
    public static IServiceCollection AddBasketsFeature(this IServiceCollection services)
    {
        services.AddScoped<BasketList>();
        services.AddScoped<CreateBasketItem>();
        services.AddScoped<EditBasketItem>();
        services.AddScoped<CancelBasketItem>();
        return services;
    }
}
