using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Email;
using ResellerPortal.Domain.Instances;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Features.Instances;
using ResellerPortal.Web.Jobs;

namespace ResellerPortal.IntegrationTests.Instances;

/// <summary>
/// The lifecycle, provisioning and certificate jobs as the job system runs them (the job classes from the
/// container), with the portal's clock moved by hand and the provider's orchestration recorded.
/// </summary>
public sealed partial class InstanceJobTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private readonly RecordingProvisioningTarget _target = new();

    private DateTimeOffset T0 => Portal.Clock.GetUtcNow();

    protected override void ReplaceServices(IServiceCollection services) => services.AddSingleton<IProvisioningTarget>(_target);

    [Fact]
    public async Task Expired_instance_is_removed_then_deleted_then_its_name_released_at_the_configured_days()
    {
        await AsPlatformAsync(async db => await new InstanceBuilder("life-cycle").In(ClientState.Sold, ClientMode.Expired).At(T0).SaveAsync(db));

        Portal.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await RunLifecycleAsync();
        Assert.Equal(ClientMode.Expired, (await LoadAsync("life-cycle"))!.Mode);

        Portal.Clock.Advance(TimeSpan.FromMinutes(1));
        await RunLifecycleAsync();
        Assert.Equal(ClientMode.Removed, (await LoadAsync("life-cycle"))!.Mode);
        Assert.Equal(["life-cycle"], _target.DataDeleted.Where(n => n == "life-cycle"));
        await RunLifecycleAsync();
        Assert.Single(_target.DataDeleted, n => n == "life-cycle");

        Portal.Clock.Advance(TimeSpan.FromDays(7));
        await RunLifecycleAsync();
        Assert.True((await LoadAsync("life-cycle"))!.IsDeleted);
        using (var owner = await SignedInAsync(DemoSeeder.Reseller1Email))
        {
            var (_, page) = await owner.GetPageAsync("/instances?q=life-cycle");
            Assert.Empty(page.QuerySelectorAll("[data-instance]"));
            var answer = await (await owner.GetAsync("/instances/name-availability?name=life-cycle")).Content.ReadAsStringAsync();
            Assert.Contains("\"quarantined\"", answer, StringComparison.Ordinal);
        }

        Portal.Clock.Advance(TimeSpan.FromDays(7));
        await RunLifecycleAsync();
        Assert.Null(await LoadAsync("life-cycle"));
        await RunLifecycleAsync();
        Assert.Single(_target.DataDeleted, n => n == "life-cycle");
    }

    [Fact]
    public async Task Two_lifecycle_runs_at_once_move_each_instance_once()
    {
        foreach (var name in new[] { "race-a", "race-b", "race-c" })
        {
            await AsPlatformAsync(async db => await new InstanceBuilder(name).In(ClientState.Sold, ClientMode.Expired).At(T0).SaveAsync(db));
        }

        Portal.Clock.Advance(TimeSpan.FromDays(8));
        await Task.WhenAll(RunLifecycleAsync(), RunLifecycleAsync());

        foreach (var name in new[] { "race-a", "race-b", "race-c" })
        {
            var instance = (await LoadAsync(name))!;
            Assert.Equal(ClientMode.Removed, instance.Mode);
            // One move is one audited change of the mode, however many runs found it due.
            Assert.Equal(1, await AsPlatformAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == instance.Id && e.Action == AuditAction.Modified)));
        }
    }

    [Fact]
    public async Task An_ON_instance_is_never_touched_by_the_lifecycle()
    {
        var before = await AsPlatformAsync(async db => await new InstanceBuilder("always-on").At(T0).SaveAsync(db));
        Portal.Clock.Advance(TimeSpan.FromDays(400));

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

        // The demo data has one instance waiting for provisioning (us-newcomer) and one for a restart (eu-growing).
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
        var today = DateOnly.FromDateTime(T0.UtcDateTime);
        var warned = await AsPlatformAsync(db => new OperatorBuilder("Warned").Of("beta").On("warned.builder.example.com").CertificateExpiring(today.AddDays(14)).SaveAsync(db));
        var later = await AsPlatformAsync(db => new OperatorBuilder("Later").Of("beta").On("later.builder.example.com").CertificateExpiring(today.AddDays(12)).SaveAsync(db));

        await Task.WhenAll(RunJobAsync<CertificateExpiryJob>(j => j.RunAsync(CancellationToken.None)), RunJobAsync<CertificateExpiryJob>(j => j.RunAsync(CancellationToken.None)));
        var again = await RunJobAsync<CertificateExpiryJob>(j => j.RunAsync(CancellationToken.None));

        Assert.Equal("sent 0 warning(s)", again);
        var mail = Assert.Single(await MailsAboutAsync("warned.builder.example.com"));
        Assert.Equal(DemoSeeder.Reseller2Email, mail.To);
        Assert.Equal("SSL certificate for warned.builder.example.com expires in 14 days", mail.Subject);
        // The subject says the days really left, not the threshold: 12 days left is the 14-day warning.
        Assert.Equal(["SSL certificate for later.builder.example.com expires in 12 days"], (await MailsAboutAsync("later.builder.example.com")).Select(m => m.Subject));
        Assert.Equal([14, 14], await AsPlatformAsync(db => db.CertificateWarnings.Where(w => w.OperatorId == warned.Id || w.OperatorId == later.Id).Select(w => w.Threshold).ToListAsync()));

        // Seven days on, the 7-day warning goes once more for each.
        Portal.Clock.Advance(TimeSpan.FromDays(7));
        await RunJobAsync<CertificateExpiryJob>(j => j.RunAsync(CancellationToken.None));
        Assert.Equal(2, (await MailsAboutAsync("warned.builder.example.com")).Count);
    }

    private Task<List<OutboxMessage>> MailsAboutAsync(string domain) =>
        AsPlatformAsync(db => db.OutboxMessages.Where(m => m.Subject.StartsWith("SSL certificate for " + domain + " ")).ToListAsync());

    private Task<string> RunLifecycleAsync() => RunJobAsync<InstanceLifecycleJob>(j => j.RunAsync(CancellationToken.None));

    /// <summary>One run of the provisioning job, as (provisioned, restarted) from the outcome it records.</summary>
    private async Task<(int, int)> RunProvisioningAsync()
    {
        var outcome = ProvisioningOutcome().Match(await RunJobAsync<InstanceProvisioningJob>(j => j.RunAsync(CancellationToken.None)));
        Assert.True(outcome.Success);
        return (int.Parse(outcome.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(outcome.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Runs the real job class as the job system does: made by the container, each tenant in its own scope.</summary>
    private Task<string> RunJobAsync<TJob>(Func<TJob, Task<string>> run) => run(ActivatorUtilities.CreateInstance<TJob>(Portal.Services));

    [GeneratedRegex(@"^provisioned (\d+), restarted (\d+)$")]
    private static partial Regex ProvisioningOutcome();

    private Task<Instance?> LoadAsync(string name) =>
        AsPlatformAsync(db => db.Instances.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(i => i.Name == name));
}
