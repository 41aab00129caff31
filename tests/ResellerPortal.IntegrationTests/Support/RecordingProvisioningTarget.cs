using System.Collections.Concurrent;
using ResellerPortal.Web.Features.Instances;

namespace ResellerPortal.IntegrationTests.Support;

/// <summary>
/// The provisioning target is the provider's orchestration, outside the portal: this stand-in
/// records the calls and answers "ready" once <see cref="Ready"/> is set.
/// </summary>
public sealed class RecordingProvisioningTarget : IProvisioningTarget
{
    public bool Ready { get; set; }

    public ConcurrentQueue<string> DataDeleted { get; } = new();

    public ConcurrentQueue<(string Name, string Password)> Provisioned { get; } = new();

    public Task<bool> ProvisionAsync(string name, string adminPassword, DateTimeOffset requestedAt, CancellationToken cancellationToken)
    {
        if (Ready)
        {
            Provisioned.Enqueue((name, adminPassword));
        }

        return Task.FromResult(Ready);
    }

    public Task<bool> RestartAsync(string name, DateTimeOffset requestedAt, CancellationToken cancellationToken) => Task.FromResult(Ready);

    public Task DeleteDataAsync(string name, CancellationToken cancellationToken)
    {
        DataDeleted.Enqueue(name);
        return Task.CompletedTask;
    }
}
