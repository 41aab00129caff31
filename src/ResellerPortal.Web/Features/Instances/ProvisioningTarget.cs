using Microsoft.Extensions.Options;

namespace ResellerPortal.Web.Features.Instances;

/// <summary>
/// Where instances really live. The portal asks it to create, restart and delete; production
/// talks to the provider's orchestration, the default <see cref="SimulatedProvisioningTarget"/>
/// only waits the configured delays.
/// </summary>
public interface IProvisioningTarget
{
    /// <summary>True once the instance is up; called repeatedly by the provisioning job until then.</summary>
    Task<bool> ProvisionAsync(string name, string adminPassword, DateTimeOffset requestedAt, CancellationToken cancellationToken);

    /// <summary>Applies changed settings by restarting; true once done.</summary>
    Task<bool> RestartAsync(string name, DateTimeOffset requestedAt, CancellationToken cancellationToken);

    /// <summary>Physically deletes the instance's data (EXPIRED → REMOVED).</summary>
    Task DeleteDataAsync(string name, CancellationToken cancellationToken);
}

public sealed class SimulatedProvisioningTarget(IOptions<InstanceOptions> options, TimeProvider clock, ILogger<SimulatedProvisioningTarget> logger) : IProvisioningTarget
{
    public Task<bool> ProvisionAsync(string name, string adminPassword, DateTimeOffset requestedAt, CancellationToken cancellationToken)
    {
        var ready = clock.GetUtcNow() - requestedAt >= TimeSpan.FromSeconds(options.Value.ProvisioningDelaySeconds);
        if (ready)
        {
            logger.LogInformation("Simulated provisioning of {Instance} done", name);
        }

        return Task.FromResult(ready);
    }

    public Task<bool> RestartAsync(string name, DateTimeOffset requestedAt, CancellationToken cancellationToken) =>
        Task.FromResult(clock.GetUtcNow() - requestedAt >= TimeSpan.FromSeconds(options.Value.RestartDelaySeconds));

    public Task DeleteDataAsync(string name, CancellationToken cancellationToken)
    {
        logger.LogInformation("Simulated deletion of the data of {Instance}", name);
        return Task.CompletedTask;
    }
}
