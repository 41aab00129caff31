using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Simulators.KeyServer;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Jobs;
using Serilog.Core;
using Serilog.Events;

namespace ResellerPortal.IntegrationTests.Keys;

/// <summary>The licence jobs when one activation fails in a way nobody planned for (issue 10).</summary>
public sealed class LicenceJobFailureTests(PostgresFixture postgres) : LicenceTest(postgres)
{
    [Fact]
    public async Task An_activation_that_throws_does_not_stop_another_and_the_run_fails_with_the_error_logged()
    {
        const string Broken = "XQI-ALPHA-BROKEN000001:QM-20/1/90";
        const string Slow = "XQI-ALPHA-SLOWOK000001:QM-20/1/90";
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var brokenId = await StockAsync(Broken, owner);
        var slowId = await StockAsync(Slow, owner);
        await RequestActivationAsync(owner, await NewInstanceAsync("lic-broken"), brokenId);
        await RequestActivationAsync(owner, await NewInstanceAsync("lic-slowok"), slowId);
        // The other key's first call stalls past the attempt timeout: it is still being worked on when the broken one fails.
        Simulators.KeyServer.SetBehaviour(Slow, new KeyServerBehaviourRequest(KeyServerBehaviour.Stall, Seconds: 3, Times: 1));
        // A key that no longer decrypts (protection keys lost, a row restored from elsewhere): nothing the job plans for.
        await AsPlatformAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"PrepurchasedKeys\" SET \"TextProtected\" = 'not-protected' WHERE \"Id\" = {brokenId}"));
        var sink = new CapturingSink();
        await using var node = Portal.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILogEventSink>(sink)));

        var thrown = await Record.ExceptionAsync(() => ActivatorUtilities.CreateInstance<LicenceActivationJob>(node.Services).RunAsync(CancellationToken.None));

        // The run ended only after the other activation completed, then failed with what went wrong so the scheduler shows it.
        Assert.Equal(ActivationStatus.Activated, (await ActivationAsync(slowId))!.Status);
        var failure = Assert.IsType<AggregateException>(thrown);
        Assert.IsAssignableFrom<CryptographicException>(Assert.Single(failure.InnerExceptions));
        Assert.Contains(sink.Events, e => e.Level == LogEventLevel.Error && e.Exception is CryptographicException);
        Assert.Equal(ActivationStatus.Pending, (await ActivationAsync(brokenId))!.Status);
    }

    private sealed class CapturingSink : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> _events = new();

        public IEnumerable<LogEvent> Events => _events;

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
    }
}
