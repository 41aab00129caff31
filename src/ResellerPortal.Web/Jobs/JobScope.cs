using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Tenancy;

namespace ResellerPortal.Web.Jobs;

/// <summary>
/// Gives a job a fresh DI scope with the tenant set explicitly (STYLE.md: jobs loop over tenants,
/// each in its own scope) and the audit actor named after the job. Failures are logged and
/// rethrown so the scheduler records them.
/// </summary>
public sealed class JobScope(IServiceScopeFactory scopes, ILogger<JobScope> logger)
{
    public Task<T> RunForPlatformAsync<T>(string job, Func<IServiceProvider, Task<T>> work) =>
        RunAsync(job, tenant => tenant.UsePlatform(), work);

    public Task<T> RunForResellerAsync<T>(string job, Guid resellerId, Func<IServiceProvider, Task<T>> work) =>
        RunAsync(job, tenant => tenant.UseReseller(resellerId), work);

    private async Task<T> RunAsync<T>(string job, Action<TenantContext> setTenant, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        setTenant(scope.ServiceProvider.GetRequiredService<TenantContext>());
        scope.ServiceProvider.GetRequiredService<AuditActorAccessor>().UseSystem(job);
        try
        {
            return await work(scope.ServiceProvider);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Job {Job} failed", job);
            throw;
        }
    }
}
