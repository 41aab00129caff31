namespace ResellerPortal.Web.Features.Payments;

public static class PaymentsRegistration
{
    /// <summary>The use cases of payments and refunds (issue 11).</summary>
    public static IServiceCollection AddPaymentsFeature(this IServiceCollection services)
    {
        services.AddScoped<PaymentList>();
        services.AddScoped<RecordPayment>();
        services.AddScoped<RecordRefund>();
        return services;
    }
}
