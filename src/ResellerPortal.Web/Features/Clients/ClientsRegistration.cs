using ResellerPortal.Web.Features.Records;

namespace ResellerPortal.Web.Features.Clients;

public static class ClientsRegistration
{
    /// <summary>The use cases of clients, sub-accounts, packages, DIDs, notes and history (issue 5).</summary>
    public static IServiceCollection AddClientsFeature(this IServiceCollection services)
    {
        services.AddScoped<ClientList>();
        services.AddScoped<CreateClient>();
        services.AddScoped<EditClient>();
        services.AddScoped<ChangeClientStatus>();
        services.AddScoped<DeleteClient>();
        services.AddScoped<RecordTransaction>();
        services.AddScoped<ShowClient>();
        services.AddScoped<RecordPanels>();
        services.AddSingleton<IVatNumberChecker, FormatOnlyVatNumberChecker>();
        return services;
    }
}
