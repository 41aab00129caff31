using Hangfire;
using Microsoft.Extensions.Options;
using ResellerPortal.Web.Jobs;

namespace ResellerPortal.Web.Features.Keys;

/// <summary>
/// Enqueues the licence jobs when a user starts work, so an activation starts within moments rather
/// than at the next poll (<see cref="LicensingOptions.TriggerOnRequest"/>).
/// </summary>
public sealed class LicenceJobTrigger(IBackgroundJobClient jobs, IOptions<LicensingOptions> options)
{
    private bool Enabled => options.Value.TriggerOnRequest;

    public void Activations()
    {
        if (Enabled)
        {
            jobs.Enqueue<LicenceActivationJob>(JobRegistration.CriticalQueue, j => j.RunAsync(CancellationToken.None));
        }
    }

    public void Installations()
    {
        if (Enabled)
        {
            jobs.Enqueue<LicenceInstallationJob>(JobRegistration.CriticalQueue, j => j.RunAsync(CancellationToken.None));
        }
    }
}

public static class KeysRegistration
{
    public static IServiceCollection AddKeysFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LicensingOptions>(configuration.GetSection(LicensingOptions.Section));
        services.AddSingleton<LicenceSecrets>();
        services.AddSingleton<LicenceRetries>();
        // Timeouts are the retry pipeline's (per attempt and the deadline), not HttpClient's 100 s.
        services.AddHttpClient<LicenceCalls>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddScoped<LicenceWork>();
        services.AddScoped<KeyList>();
        services.AddScoped<KeyDetails>();
        services.AddScoped<ImportKeys>();
        services.AddScoped<SetLicenceEmail>();
        services.AddScoped<InstanceLicence>();
        services.AddScoped<RequestActivation>();
        services.AddScoped<RetryActivation>();
        services.AddScoped<LicenceExpiryReminders>();
        services.AddScoped<LicenceJobTrigger>();
        return services;
    }
}
