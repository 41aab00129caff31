using Microsoft.Extensions.Options;
using Quartz;
using ResellerPortal.Web.Jobs;

namespace ResellerPortal.Web.Features.Keys;

/// <summary>
/// Wakes the licence jobs when there is new work, so an activation starts within moments rather
/// than at the next poll (<see cref="LicensingOptions.TriggerOnRequest"/>).
/// </summary>
public sealed class LicenceJobTrigger(ISchedulerFactory schedulers, IOptions<LicensingOptions> options)
{
    private bool Enabled => options.Value.TriggerOnRequest;

    public Task ActivationsAsync(CancellationToken ct) => TriggerAsync(LicenceActivationJob.Key, ct);

    public Task InstallationsAsync(CancellationToken ct) => TriggerAsync(LicenceInstallationJob.Key, ct);

    private async Task TriggerAsync(JobKey key, CancellationToken ct)
    {
        if (!Enabled)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(key, ct);
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
        services.AddScoped<KeyStock>();
        services.AddScoped<RequestActivation>();
        services.AddScoped<RetryActivation>();
        services.AddScoped<LicenceExpiryReminders>();
        services.AddScoped<LicenceJobTrigger>();
        return services;
    }
}
