namespace ResellerPortal.Web.Features.SubAccounts;

public static class SubAccountsRegistration
{
    /// <summary>The use cases of sub-accounts: one class each.</summary>
    public static IServiceCollection AddSubAccountsFeature(this IServiceCollection services)
    {
        services.AddScoped<SubAccountDetails>();
        services.AddScoped<CreateSubAccount>();
        services.AddScoped<ConnectSubAccount>();
        services.AddScoped<AssignPackage>();
        services.AddScoped<MoveSubAccount>();
        services.AddScoped<UnconnectSubAccount>();
        return services;
    }
}
