namespace ResellerPortal.Web.Features.Statements;

public static class StatementsRegistration
{
    /// <summary>Clients' monthly statements (issue 11).</summary>
    public static IServiceCollection AddStatementsFeature(this IServiceCollection services)
    {
        services.AddScoped<ClientStatement>();
        return services;
    }
}
