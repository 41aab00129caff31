namespace ResellerPortal.Web.Features.Billing;

public static class BillingRegistration
{
    /// <summary>Recurring billing, its runs page and the next-charge preview (issue 11).</summary>
    public static IServiceCollection AddBillingFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BillingOptions>(configuration.GetSection(BillingOptions.Section));
        services.AddScoped<BillingBatch>();
        services.AddSingleton<RecurringBilling>();
        services.AddSingleton<IBillingFaults, NoBillingFaults>();
        services.AddScoped<BillingRuns>();
        services.AddScoped<NextChargePreview>();
        services.AddScoped<ClientRunway>();
        services.AddScoped<Reports.FinancialReport>();
        return services;
    }
}
