using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Simulators;
using ResellerPortal.Tests.Shared;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Jobs;

namespace ResellerPortal.IntegrationTests.Keys;

/// <summary>
/// The portal with the key server and the instances' XML-RPC endpoint simulated on loopback (real
/// HTTP both ways). Timeouts are short so that every failure path runs in seconds; the jobs run when a
/// test runs them, unless <see cref="TriggerJobs"/> runs a job server and lets requests enqueue the real jobs.
/// </summary>
public abstract class LicenceTest(PostgresFixture postgres) : PortalTest(postgres)
{
    protected SimulatorHost Simulators { get; private set; } = null!;

    protected virtual bool TriggerJobs => false;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(TriggerJobs ? PortalFactory.JobServer() : [])
    {
        ["Licensing:KeyServerUrl"] = Simulators.KeyServerUrl.ToString(),
        ["Licensing:InstanceRpcUrl"] = Simulators.InstanceRpcUrl.ToString(),
        ["Licensing:AttemptTimeout"] = "00:00:01",
        ["Licensing:Deadline"] = "00:00:04",
        ["Licensing:FirstRetryDelay"] = "00:00:00.100",
        ["Licensing:MaxRetryDelay"] = "00:00:00.400",
        ["Licensing:PollSeconds"] = "0",
        ["Licensing:TriggerOnRequest"] = TriggerJobs ? "true" : "false",
    };

    /// <summary>
    /// The licence calls wait on real timers (the per-attempt timeout, the backoff between retries, the
    /// phase's deadline) against simulators that stall in real time, so these tests keep the real clock:
    /// a fake one that never advances would never time an attempt out.
    /// </summary>
    protected override void ReplaceServices(IServiceCollection services) => services.AddSingleton(TimeProvider.System);

    public override async Task InitializeAsync()
    {
        Simulators = await SimulatorHost.StartAsync(0, new SimulatorOptions());
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Simulators.DisposeAsync();
    }

    /// <summary>Puts the keys in the key server's stock (as selling them does) and imports them into Alpha's.</summary>
    protected async Task<Guid> StockAsync(string ppk, Browser? browser = null, bool knownToKeyServer = true)
    {
        if (knownToKeyServer)
        {
            Simulators.KeyServer.AddToStock(Ppk.FromText(ppk));
        }

        using var owned = browser is null ? await SignedInAsync(DemoSeeder.Reseller1Email) : null;
        var response = await (browser ?? owned!).SubmitAsync("/keys", [new("Keys", ppk)], "/keys/import");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return await KeyIdAsync(ppk);
    }

    protected Task<Guid> KeyIdAsync(string ppk)
    {
        var fingerprint = PrepurchasedKey.FingerprintOf(Ppk.FromText(ppk));
        return AsPlatformAsync(db => db.PrepurchasedKeys.Where(k => k.Fingerprint == fingerprint).Select(k => k.Id).SingleAsync());
    }

    protected Task<Guid> NewInstanceAsync(string name, string reseller = "alpha", string operatorName = "EU") =>
        AsPlatformAsync(async db => (await new InstanceBuilder(name).Of(reseller, operatorName).For("Licence Co " + name).SaveAsync(db)).Id);

    protected Task<LicenceActivation?> ActivationAsync(Guid ppkId) =>
        AsPlatformAsync(db => db.LicenceActivations.AsNoTracking().SingleOrDefaultAsync(a => a.PpkId == ppkId));

    protected Task<List<LicenceAttempt>> AttemptsAsync(Guid activationId) =>
        AsPlatformAsync(db => db.LicenceAttempts.AsNoTracking().Where(a => a.ActivationId == activationId).OrderBy(a => a.Id).ToListAsync());

    /// <summary>Asks for the activation on the instance's licence page, as a reseller does.</summary>
    protected static Task<HttpResponseMessage> RequestActivationAsync(Browser browser, Guid instanceId, Guid ppkId, bool confirm = true)
    {
        var fields = new List<KeyValuePair<string, string>> { new("PpkId", ppkId.ToString()), new("InstanceId", instanceId.ToString()) };
        if (confirm)
        {
            fields.Add(new("Confirm", "true"));
        }

        return browser.SubmitAsync($"/instances/{instanceId}/licence", fields);
    }

    /// <summary>One run of the real activation job class, as a worker runs it; its summary ("succeeded 1, refused 1").</summary>
    protected Task<string> RunActivationJobAsync() =>
        ActivatorUtilities.CreateInstance<LicenceActivationJob>(Portal.Services).RunAsync(CancellationToken.None);

    /// <summary>One run of the real installation job class.</summary>
    protected Task<string> RunInstallationJobAsync() =>
        ActivatorUtilities.CreateInstance<LicenceInstallationJob>(Portal.Services).RunAsync(CancellationToken.None);
}
