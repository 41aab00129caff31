using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Instances;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Features.Instances;

namespace ResellerPortal.IntegrationTests.Instances;

/// <summary>The lifecycle, provisioning and certificate jobs' work, with the clock moved by hand.</summary>
public sealed class InstanceJobTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly RecordingProvisioningTarget _target = new();
    private readonly TestClock _clock = new(T0);

    [Fact]
    public async Task Expired_instance_is_removed_then_deleted_then_its_name_released_at_the_configured_days()
    {
        await AsPlatformAsync(async db => await new InstanceBuilder("life-cycle").In(ClientState.Sold, ClientMode.Expired).At(T0).SaveAsync(db));

        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Equal(new LifecycleResult(0, 0, 0), await RunLifecycleAsync());

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new LifecycleResult(1, 0, 0), await RunLifecycleAsync());
        Assert.Equal(ClientMode.Removed, (await LoadAsync("life-cycle"))!.Mode);
        Assert.Equal(["life-cycle"], _target.DataDeleted);
        Assert.Equal(new LifecycleResult(0, 0, 0), await RunLifecycleAsync());

        _clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(new LifecycleResult(0, 1, 0), await RunLifecycleAsync());
        Assert.True((await LoadAsync("life-cycle"))!.IsDeleted);
        using (var owner = await SignedInAsync(DemoSeeder.Reseller1Email))
        {
            var (_, page) = await owner.GetPageAsync("/instances?q=life-cycle");
            Assert.Empty(page.QuerySelectorAll("[data-instance]"));
            var answer = await (await owner.GetAsync("/instances/name-availability?name=life-cycle")).Content.ReadAsStringAsync();
            Assert.Contains("\"quarantined\"", answer, StringComparison.Ordinal);
        }

        _clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(new LifecycleResult(0, 0, 1), await RunLifecycleAsync());
        Assert.Null(await LoadAsync("life-cycle"));
        Assert.Equal(new LifecycleResult(0, 0, 0), await RunLifecycleAsync());
        Assert.Single(_target.DataDeleted);
    }

    [Fact]
    public async Task Two_lifecycle_runs_at_once_move_each_instance_once()
    {
        foreach (var name in new[] { "race-a", "race-b", "race-c" })
        {
            await AsPlatformAsync(async db => await new InstanceBuilder(name).In(ClientState.Sold, ClientMode.Expired).At(T0).SaveAsync(db));
        }

        _clock.Advance(TimeSpan.FromDays(8));
        var results = await Task.WhenAll(RunLifecycleAsync(), RunLifecycleAsync());

        Assert.Equal(3, results.Sum(r => r.Removed));
        foreach (var name in new[] { "race-a", "race-b", "race-c" })
        {
            Assert.Equal(ClientMode.Removed, (await LoadAsync(name))!.Mode);
        }
    }

    [Fact]
    public async Task An_ON_instance_is_never_touched_by_the_lifecycle()
    {
        var before = await AsPlatformAsync(async db => await new InstanceBuilder("always-on").At(T0).SaveAsync(db));
        _clock.Advance(TimeSpan.FromDays(400));

        await RunLifecycleAsync();

        var after = (await LoadAsync("always-on"))!;
        Assert.Equal(ClientMode.On, after.Mode);
        Assert.Equal(before.ModeChangedAt, after.ModeChangedAt);
        Assert.Null(after.DeletedAt);
    }

    [Fact]
    public async Task Provisioning_marks_a_new_instance_ready_and_forgets_its_password()
    {
        Assert.True((await LoadAsync("us-newcomer"))!.IsProvisioning);

        Assert.Equal((0, 0), await RunProvisioningAsync());
        _target.Ready = true;
        var (provisioned, restarted) = await RunProvisioningAsync();

        Assert.Equal(1, provisioned);
        Assert.Equal(1, restarted);
        var ready = (await LoadAsync("us-newcomer"))!;
        Assert.False(ready.IsProvisioning);
        Assert.Null(ready.PendingAdminPasswordProtected);
        Assert.Contains(_target.Provisioned, p => p.Name == "us-newcomer" && p.Password == DemoSeeder.DefaultPassword);
        Assert.False((await LoadAsync("eu-growing"))!.IsRestartPending);
        Assert.Equal((0, 0), await RunProvisioningAsync());
    }

    [Fact]
    public async Task Certificate_warnings_go_once_per_threshold_even_when_two_runs_race()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await AsPlatformAsync(async db =>
        {
            var main = await db.Operators.SingleAsync(o => o.Name == "Main");
            main.SetCertificateExpiry(today.AddDays(14));
            return await db.SaveChangesAsync();
        });

        // Due now: Beta's Main (14 days) and, from the demo data, Alpha's EU certificate (12 days → the 14-day warning).
        var first = await Task.WhenAll(SendCertificateWarningsAsync(), SendCertificateWarningsAsync());
        var again = await SendCertificateWarningsAsync();

        Assert.Equal(2, first.Sum());
        Assert.Equal(0, again);
        var mails = await AsPlatformAsync(db => db.OutboxMessages.Where(m => m.Subject.Contains("live.beta-voice")).ToListAsync());
        var mail = Assert.Single(mails);
        Assert.Equal(DemoSeeder.Reseller2Email, mail.To);
        Assert.Contains("in 14 days", mail.Subject, StringComparison.Ordinal);
        Assert.Equal(2, await AsPlatformAsync(db => db.CertificateWarnings.CountAsync(w => w.Threshold == 14)));
        Assert.Equal(2, await AsPlatformAsync(db => db.OutboxMessages.CountAsync(m => m.Subject.StartsWith("SSL certificate"))));
        // The subject says the days really left, not the threshold: the EU certificate has 12.
        Assert.Single(await AsPlatformAsync(db => db.OutboxMessages.Where(m => m.Subject == "SSL certificate for eu.alpha-live.example.com expires in 12 days").ToListAsync()));
    }

    private async Task<LifecycleResult> RunLifecycleAsync()
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UseReseller(await ResellerIdAsync("alpha"));
        var lifecycle = new InstanceLifecycle(db, _target, Options.Create(new InstanceOptions()), _clock, NullLogger<InstanceLifecycle>.Instance);
        return await lifecycle.RunAsync(CancellationToken.None);
    }

    private async Task<(int, int)> RunProvisioningAsync()
    {
        var total = (0, 0);
        foreach (var reseller in new[] { "alpha", "beta" })
        {
            await using var scope = Portal.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Tenant.UseReseller(await ResellerIdAsync(reseller));
            var provisioning = new InstanceProvisioning(db, _target, scope.ServiceProvider.GetRequiredService<InstanceSecrets>(), _clock, NullLogger<InstanceProvisioning>.Instance);
            var (p, r) = await provisioning.RunAsync(CancellationToken.None);
            total = (total.Item1 + p, total.Item2 + r);
        }

        return total;
    }

    /// <summary>One run of the certificate job's work: find what is due as the platform, send each in its reseller's scope.</summary>
    private async Task<int> SendCertificateWarningsAsync()
    {
        List<CertificateExpiryWarnings.DueWarning> due;
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Tenant.UsePlatform();
            due = await scope.ServiceProvider.GetRequiredService<CertificateExpiryWarnings>().DueAsync(CancellationToken.None);
        }

        var sent = 0;
        foreach (var warning in due)
        {
            await using var scope = Portal.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<PortalDbContext>().Tenant.UseReseller(warning.ResellerId);
            sent += await scope.ServiceProvider.GetRequiredService<CertificateExpiryWarnings>().SendAsync(warning, CancellationToken.None) ? 1 : 0;
        }

        return sent;
    }

    private Task<Instance?> LoadAsync(string name) =>
        AsPlatformAsync(db => db.Instances.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(i => i.Name == name));
}
