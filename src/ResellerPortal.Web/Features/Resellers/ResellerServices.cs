namespace ResellerPortal.Web.Features.Resellers;

public static class ResellerServices
{
    /// <summary>The use cases of the provider's reseller administration, the operators page, the network status, notes and login.</summary>
    public static IServiceCollection AddResellersFeature(this IServiceCollection services)
    {
        services.AddScoped<ListResellers>();
        services.AddScoped<ShowReseller>();
        services.AddScoped<CreateReseller>();
        services.AddScoped<EditReseller>();
        services.AddScoped<CreateOperator>();
        services.AddScoped<EditOperator>();
        services.AddScoped<CreateUser>();
        services.AddScoped<EditUser>();
        services.AddScoped<Operators.ListOperators>();
        services.AddScoped<Operators.ShowOperator>();
        services.AddScoped<Network.OverrideNetworkStatus>();
        services.AddScoped<Records.AddNote>();
        services.AddScoped<Account.SignIn>();
        services.AddScoped<Outbox.ListOutbox>();
        services.AddScoped<Outbox.RequeueMessage>();
        return services;
    }
}
