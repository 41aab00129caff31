using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Billing;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Packages;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Features.Billing;
using ResellerPortal.Web.Jobs;

namespace ResellerPortal.IntegrationTests.Billing;

/// <summary>
/// Recurring billing as the job system runs it (the real <see cref="RecurringBillingJob"/> from the container)
/// on PostgreSQL, with small batches so a run has several. Each test builds its own reseller and clients due
/// on the run date; a run also bills whatever else is due in the database, so the assertions look at the
/// test's own clients.
/// </summary>
public sealed class RecurringBillingTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private const decimal PackageFee = 10m;
    private const decimal DidFee = 2m;
    private const decimal ItemPrice = 5m;
    private const decimal PerClient = PackageFee + DidFee + ItemPrice;

    private readonly TestFaults _faults = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Billing:BatchSize"] = "4",
        ["Billing:Parallelism"] = "2",
    };

    protected override void ReplaceServices(IServiceCollection services) => services.AddSingleton<IBillingFaults>(_faults);

    private DateOnly RunDate => DateOnly.FromDateTime(Portal.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task A_run_charges_exactly_the_expected_rows_and_moves_each_billing_date_a_month()
    {
        var world = await BuildAsync("bill-exact", 6);

        var run = await RunAsync(RunDate);

        var rows = await LedgerOfAsync(world);
        Assert.Equal(world.Clients.Count * 3, rows.Count);
        foreach (var client in world.Clients)
        {
            var mine = rows.Where(r => r.ClientId == client.Id).ToList();
            Assert.Equal(
                new[] { $"fee:sub:{client.SubAccountId:N}:{BillingCalendar.PeriodName(RunDate)}", $"fee:did:{client.DidId:N}:{BillingCalendar.PeriodName(RunDate)}", $"basket:{client.ItemId:N}" }.Order(),
                mine.Select(r => r.Key).Order());
            Assert.Equal(-PerClient, mine.Sum(r => r.Amount));
            Assert.All(mine, r => Assert.Equal(LedgerKind.Charge, r.Kind));
        }

        var clients = await ClientsAsync(world);
        Assert.All(clients, c => Assert.Equal(BillingCalendar.Next(RunDate, RunDate.Day), c.NextBillingDate));
        Assert.All(clients, c => Assert.Equal(100m - PerClient, c.Balance));
        Assert.Equal(world.Clients.Count, await AsPlatformAsync(db => db.BasketItems.CountAsync(b => b.ResellerId == world.ResellerId && b.ChargedAt != null)));
        Assert.Equal(BillingRunStatus.Finished, run.Status);
        Assert.True(run.ClientsBilled >= world.Clients.Count);
        Assert.True(await AsPlatformAsync(db => db.BillingRunTotals.AnyAsync(t => t.RunId == run.Id && t.Currency == "EUR" && t.Amount >= PerClient * world.Clients.Count)));
    }

    [Fact]
    public async Task The_same_run_again_and_ten_runs_at_once_change_nothing_more()
    {
        var world = await BuildAsync("bill-twice", 9);
        await RunAsync(RunDate);
        var before = await SnapshotAsync();

        var again = await RunAsync(RunDate);
        var parallel = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RunAsync(RunDate)));

        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(0, again.Charges);
        Assert.All(parallel, r => Assert.Equal(0, r.Charges));
        Assert.Equal(world.Clients.Count * 3, (await LedgerOfAsync(world)).Count);
    }

    [Fact]
    public async Task Ten_first_runs_at_once_charge_each_client_once_and_move_each_date_once()
    {
        var world = await BuildAsync("bill-race", 12);

        var runs = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RunAsync(RunDate)));

        var rows = await LedgerOfAsync(world);
        Assert.Equal(world.Clients.Count * 3, rows.Count);
        Assert.All(await ClientsAsync(world), c =>
        {
            Assert.Equal(BillingCalendar.Next(RunDate, RunDate.Day), c.NextBillingDate);
            Assert.Equal(100m - PerClient, c.Balance);
        });
        Assert.All(runs, r => Assert.Equal(BillingRunStatus.Finished, r.Status));
    }

    [Fact]
    public async Task A_run_stopped_after_a_batch_leaves_no_client_half_billed_and_the_next_run_bills_exactly_the_rest()
    {
        var world = await BuildAsync("bill-stop", 14);
        var commits = 0;
        _faults.Hook = _ => Interlocked.Increment(ref commits) >= 3 ? throw new OperationCanceledException("stopped by the test") : Task.CompletedTask;

        var stopped = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(RunDate));
        Assert.NotNull(stopped);
        _faults.Hook = null;

        var halfway = await LedgerOfAsync(world);
        var clients = await ClientsAsync(world);
        var billed = clients.Where(c => c.NextBillingDate > RunDate).Select(c => c.Id).ToHashSet();
        Assert.True(billed.Count < world.Clients.Count, "The run was stopped before billing everyone.");
        // Every client is all or nothing: three charges and a new date, or neither.
        Assert.All(world.Clients, c => Assert.Equal(billed.Contains(c.Id) ? 3 : 0, halfway.Count(r => r.ClientId == c.Id)));
        var stoppedRun = await AsPlatformAsync(db => db.BillingRuns.OrderByDescending(r => r.CreatedAt).FirstAsync());
        Assert.Equal(BillingRunStatus.Stopped, stoppedRun.Status);

        await RunAsync(RunDate);

        var rows = await LedgerOfAsync(world);
        Assert.Equal(world.Clients.Count * 3, rows.Count);
        Assert.All(world.Clients, c => Assert.Equal(-PerClient, rows.Where(r => r.ClientId == c.Id).Sum(r => r.Amount)));
        Assert.All(await ClientsAsync(world), c => Assert.Equal(BillingCalendar.Next(RunDate, RunDate.Day), c.NextBillingDate));
    }

    [Fact]
    public async Task A_failing_client_is_listed_on_the_run_and_the_others_are_billed()
    {
        var world = await BuildAsync("bill-fail", 7);
        var wrongCurrency = world.Clients[2];
        var crashing = world.Clients[5];
        await AsPlatformAsync(async db =>
        {
            // A package in USD on a EUR client: the planner refuses it (no silent conversion).
            var usd = new Package(world.ResellerId, "USD plan bill-fail", "USD", Portal.Clock.GetUtcNow());
            usd.SetFees(7m, 0m);
            db.Packages.Add(usd);
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlAsync($"""UPDATE "SubAccounts" SET "PackageId" = {usd.Id} WHERE "Id" = {wrongCurrency.SubAccountId}""");
            return true;
        });
        // Another fails inside the database work, undoing its whole batch: the batch is billed again client by client.
        _faults.Hook = ids => ids.Contains(crashing.Id) ? throw new InvalidOperationException("disk on fire for this client") : Task.CompletedTask;

        var run = await RunAsync(RunDate);
        _faults.Hook = null;

        var rows = await LedgerOfAsync(world);
        foreach (var client in world.Clients)
        {
            var failed = client == wrongCurrency || client == crashing;
            Assert.Equal(failed ? 0 : 3, rows.Count(r => r.ClientId == client.Id));
        }

        var failures = await AsPlatformAsync(db => db.BillingRunFailures.Where(f => f.RunId == run.Id).ToListAsync());
        Assert.Contains(failures, f => f.ClientId == wrongCurrency.Id && f.Message.Contains("USD", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.ClientId == crashing.Id && f.Message.Contains("disk on fire", StringComparison.Ordinal));
        Assert.Equal(BillingRunStatus.Finished, run.Status);
        Assert.True(run.Failures >= 2);

        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var (_, page) = await admin.GetPageAsync("/admin/billing");
        Assert.NotNull(page.QuerySelector($"[data-failure='{crashing.Id}']"));
    }

    [Fact]
    public async Task Billing_suspends_a_hard_client_at_zero_and_sends_one_low_balance_mail_per_crossing_under_concurrent_runs()
    {
        var world = await BuildAsync("bill-hard", 2, openingBalance: 25m);
        var hard = world.Clients[0];
        var warned = world.Clients[1];
        await AsPlatformAsync(async db =>
        {
            var h = await db.Clients.SingleAsync(c => c.Id == hard.Id);
            h.ManageBalance(BalanceManagement.Hard, null, null);
            var w = await db.Clients.SingleAsync(c => c.Id == warned.Id);
            w.ManageBalance(BalanceManagement.Soft, 20m, "alerts-bill-hard@example.com");
            await db.SaveChangesAsync();
            // The hard client has 10 only: 17 of charges take it below 0.
            db.LedgerEntries.Add(LedgerEntry.Record(world.ResellerId, hard.Id, LedgerKind.Charge, 15m, "EUR", "Opening charge", "test:" + Guid.NewGuid().ToString("N"), Portal.Clock.GetUtcNow(), AuditActor.System("test")));
            await db.SaveChangesAsync();
            return true;
        });

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RunAsync(RunDate)));

        var clients = (await ClientsAsync(world)).ToDictionary(c => c.Id);
        Assert.Equal(ClientStatus.Suspended, clients[hard.Id].Status);
        Assert.True(clients[hard.Id].SuspendedBySystem);
        Assert.Equal(10m - PerClient, clients[hard.Id].Balance);
        Assert.Equal(25m - PerClient, clients[warned.Id].Balance);
        Assert.Equal(1, await AsPlatformAsync(db => db.OutboxMessages.CountAsync(m => m.To == "alerts-bill-hard@example.com")));
    }

    [Fact]
    public async Task The_preview_shows_what_the_run_then_charges()
    {
        var world = await BuildAsync("bill-preview", 1);
        var client = world.Clients[0];
        // A second sub-account connected inside the previous period: a prorated stub as well.
        await AsPlatformAsync(async db =>
        {
            var sub = new SubAccount(world.ResellerId, "stub-bill-preview", "", Portal.Clock.GetUtcNow());
            db.SubAccounts.Add(sub);
            var c = await db.Clients.SingleAsync(x => x.Id == client.Id);
            sub.ConnectTo(c.Id, Portal.Clock.GetUtcNow().AddDays(-9));
            sub.AssignPackage(await db.Packages.SingleAsync(p => p.Id == world.PackageId), c);
            await db.SaveChangesAsync();
            return true;
        });

        var preview = await AsResellerAsync(world.ResellerId, s => s.GetRequiredService<NextChargePreview>().HandleAsync(client.Id, CancellationToken.None));
        Assert.NotNull(preview);
        Assert.Equal(RunDate, preview.RunDate);

        await RunAsync(RunDate);

        var rows = await LedgerOfAsync(world);
        Assert.Equal(
            preview.Plan.Charges.Select(c => (c.Key, -c.Amount)).Order(),
            rows.Select(r => (r.Key, r.Amount)).Order());
        Assert.Equal(preview.BalanceAfter, (await ClientsAsync(world)).Single().Balance);
        Assert.Contains(preview.Plan.Charges, c => c.Prorated);

        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var (response, _) = await owner.GetPageAsync($"/clients/{client.Id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Only_the_platform_admin_reaches_the_billing_runs_and_run_now_records_a_run()
    {
        foreach (var email in new[] { DemoSeeder.SupportEmail, DemoSeeder.Reseller1Email, DemoSeeder.Staff1Email })
        {
            using var other = await SignedInAsync(email);
            var response = await other.GetAsync("/admin/billing");
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect or HttpStatusCode.NotFound, $"{email}: {(int)response.StatusCode}");
            Assert.False(response.IsSuccessStatusCode);
        }

        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var refused = await admin.SubmitAsync("/admin/billing", [new("RunDate", "1900-01-01")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var reshown = Support.Browser.Parse(await refused.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(reshown.QuerySelector("[data-valmsg-for=RunDate]")?.TextContent));

        var before = await AsPlatformAsync(db => db.BillingRuns.CountAsync());
        var started = await admin.SubmitAsync("/admin/billing", [new("RunDate", RunDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.True(started.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, ((int)started.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(before + 1, await AsPlatformAsync(db => db.BillingRuns.CountAsync()));
        var (_, page) = await admin.GetPageAsync("/admin/billing");
        Assert.NotNull(page.QuerySelector("[data-billing-run]"));
    }

    // --- helpers ---

    private sealed class TestFaults : IBillingFaults
    {
        public volatile Func<IReadOnlyList<Guid>, Task>? Hook;

        public Task BeforeCommitAsync(IReadOnlyList<Guid> clientIds, CancellationToken ct) => Hook?.Invoke(clientIds) ?? Task.CompletedTask;
    }

    private sealed record BuiltClient(Guid Id, Guid SubAccountId, Guid DidId, Guid ItemId);

    private sealed record World(Guid ResellerId, Guid PackageId, IReadOnlyList<BuiltClient> Clients);

    /// <summary>
    /// A reseller with <paramref name="count"/> active EUR clients due on the run date, each with a paid-in
    /// opening balance, a sub-account on a 10.00 package connected two months ago, a DID at 2.00 a month and a
    /// basket item of 5.00 due.
    /// </summary>
    private async Task<World> BuildAsync(string slug, int count, decimal openingBalance = 100m)
    {
        var now = Portal.Clock.GetUtcNow();
        var longAgo = now.AddDays(-60);
        return await AsPlatformAsync(async db =>
        {
            var reseller = await new ResellerBuilder(slug).SaveAsync(db);
            var op = new Operator(reseller.Id, "Op " + slug, slug + ".billing.example.com", now);
            db.Operators.Add(op);
            var package = new Package(reseller.Id, "Basic " + slug, "EUR", now);
            package.SetFees(PackageFee, 0m);
            db.Packages.Add(package);
            await db.SaveChangesAsync();

            var built = new List<BuiltClient>();
            for (var i = 0; i < count; i++)
            {
                var details = new ClientDetails("Bill" + i, slug, "", "", "", "", "GB", "", $"c{i}@{slug}.example.com", "", null);
                var client = Client.Create(reseller.Id, op.Id, details, "EUR", RunDate, longAgo);
                db.Clients.Add(client);
                var sub = new SubAccount(reseller.Id, $"{slug}-{i}", "", longAgo);
                db.SubAccounts.Add(sub);
                sub.ConnectTo(client.Id, longAgo);
                sub.AssignPackage(package, client);
                var did = new Did(reseller.Id, $"+4420{Math.Abs(slug.GetHashCode(StringComparison.Ordinal)) % 100000:00000}{i:000}", "", longAgo);
                db.Dids.Add(did);
                did.Connect(sub.Id, new DidTerms(0m, DidFee, 0.01m, DateOnly.FromDateTime(longAgo.UtcDateTime)), longAgo);
                var item = BasketItem.Create(reseller.Id, client.Id, "EUR", "Router", "Hardware", $"{slug}-item-{i}", "Router", ItemPrice, RunDate.AddDays(-3), false, longAgo);
                db.BasketItems.Add(item);
                built.Add(new BuiltClient(client.Id, sub.Id, did.Id, item.Id));
            }

            await db.SaveChangesAsync();
            foreach (var c in built)
            {
                db.LedgerEntries.Add(LedgerEntry.Record(reseller.Id, c.Id, LedgerKind.Payment, openingBalance, "EUR", "Opening payment", "test:" + Guid.NewGuid().ToString("N"), longAgo, AuditActor.System("test")));
            }

            await db.SaveChangesAsync();
            return new World(reseller.Id, package.Id, built);
        });
    }

    /// <summary>Starts a run for <paramref name="date"/> and runs it with the real job class, as Hangfire would.</summary>
    private async Task<BillingRun> RunAsync(DateOnly date)
    {
        var billing = Portal.Services.GetRequiredService<RecurringBilling>();
        var runId = await billing.StartAsync(date, "test", resume: false, CancellationToken.None);
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var job = ActivatorUtilities.CreateInstance<RecurringBillingJob>(scope.ServiceProvider);
            await job.RunAsync(runId, CancellationToken.None);
        }

        return await AsPlatformAsync(db => db.BillingRuns.AsNoTracking().SingleAsync(r => r.Id == runId));
    }

    private Task<List<LedgerEntry>> LedgerOfAsync(World world) =>
        AsPlatformAsync(db => db.LedgerEntries.AsNoTracking().Where(l => l.ResellerId == world.ResellerId && l.Kind == LedgerKind.Charge && !l.Key.StartsWith("test:")).ToListAsync());

    private Task<List<Client>> ClientsAsync(World world) =>
        AsPlatformAsync(db => db.Clients.AsNoTracking().Where(c => c.ResellerId == world.ResellerId).ToListAsync());

    private Task<string> SnapshotAsync() => AsPlatformAsync(async db =>
    {
        var ledger = await db.LedgerEntries.CountAsync();
        var sum = await db.LedgerEntries.SumAsync(l => l.Amount);
        var clients = (await db.Clients.IgnoreQueryFilters().OrderBy(c => c.Id).Select(c => new { c.Id, c.NextBillingDate, c.Balance, c.Status }).ToListAsync())
            .Select(c => FormattableString.Invariant($"{c.Id}:{c.NextBillingDate:yyyy-MM-dd}:{c.Balance}:{c.Status}"));
        var mails = await db.OutboxMessages.CountAsync();
        return $"{ledger}|{sum}|{mails}|{string.Join(",", clients)}";
    });

    private async Task<T> AsResellerAsync<T>(Guid resellerId, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ResellerPortal.Web.Tenancy.TenantContext>().UseReseller(resellerId);
        return await work(scope.ServiceProvider);
    }
}
