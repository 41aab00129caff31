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
using ResellerPortal.Web.Features.Billing;
using ResellerPortal.Web.Features.Home;

namespace ResellerPortal.IntegrationTests.Billing;

/// <summary>
/// The dashboard's "clients running out within 7 days" and the client list's <c>runway=7</c> filter (§6 balance
/// runway) on built data: the set-based query (<see cref="ClientRunway"/>) counts and lists exactly the clients whose
/// runway on their own page (<see cref="NextChargePreview"/>) is 7 days or less, and never another reseller's.
/// </summary>
public sealed class RunningOutTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private sealed record Built(Guid ResellerId, string Email, Dictionary<string, Guid> Clients);

    [Fact]
    public async Task The_dashboard_counts_the_clients_running_out_within_7_days_and_links_to_exactly_them()
    {
        var mine = await BuildAsync("runway-a");
        var other = await BuildAsync("runway-b");
        using var owner = await SignedInAsync(mine.Email);

        var (status, dashboard) = await owner.GetPageAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var card = dashboard.QuerySelector("[data-total=running-out]")!;
        Assert.Equal("/clients?runway=7", card.GetAttribute("href"));
        var expected = new[] { "three-days", "at-zero", "fees-in-2-days", "item-in-5-days" }.Select(n => mine.Clients[n].ToString()).Order().ToList();
        Assert.Equal(expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), card.QuerySelector(".display-6")!.TextContent.Trim());

        var (_, list) = await owner.GetPageAsync(card.GetAttribute("href")!);
        Assert.Equal(expected, list.QuerySelectorAll("[data-client]").Select(r => r.GetAttribute("data-client")!).Order().ToList());
        Assert.NotNull(list.QuerySelector("[data-active-filter=runway]"));
        Assert.Equal("7", list.QuerySelector("input[type=hidden][name=runway]")!.GetAttribute("value"));
        Assert.DoesNotContain(mine.Clients["thirty-days"].ToString(), list.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.All(other.Clients.Values, id => Assert.DoesNotContain(id.ToString(), list.Body!.InnerHtml, StringComparison.Ordinal));

        // The filter is removable: its link shows every client again.
        var remove = list.QuerySelector("[data-active-filter=runway] a")!.GetAttribute("href")!;
        var (_, all) = await owner.GetPageAsync(remove);
        Assert.Null(all.QuerySelector("[data-active-filter=runway]"));
        Assert.Equal(mine.Clients.Count, all.QuerySelectorAll("[data-client]").Length);

        // The CSV export keeps the filter.
        var csv = await (await owner.GetAsync("/clients/export.csv?runway=7")).Content.ReadAsStringAsync();
        Assert.Contains(mine.Clients["three-days"].ToString(), csv, StringComparison.Ordinal);
        Assert.DoesNotContain(mine.Clients["thirty-days"].ToString(), csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_query_agrees_with_the_runway_on_each_clients_page()
    {
        var built = await BuildAsync("runway-parity");

        await using var scope = Portal.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ResellerPortal.Web.Tenancy.TenantContext>().UseReseller(built.ResellerId);
        var runway = scope.ServiceProvider.GetRequiredService<ClientRunway>();
        var preview = scope.ServiceProvider.GetRequiredService<NextChargePreview>();
        foreach (var window in new[] { 0, 3, 7, 14, BalanceRunway.MaxWindowDays })
        {
            var listed = (await runway.RunningOutWithin(window).ToListAsync()).ToHashSet();
            foreach (var (name, id) in built.Clients)
            {
                var page = await preview.HandleAsync(id, CancellationToken.None);
                var runsOut = page!.Runway.Days is { } days && days <= window;
                Assert.True(runsOut == listed.Contains(id), $"{name} within {window} days: the page says {page.Runway.Days?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "never"}, the list {listed.Contains(id)}");
            }
        }

        var dashboard = await scope.ServiceProvider.GetRequiredService<ResellerDashboard>().HandleAsync(CancellationToken.None);
        Assert.Equal(4, dashboard.ClientsRunningOut);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("28")]
    [InlineData("99999999999999999999")]
    [InlineData("7.5")]
    [InlineData("")]
    public async Task A_malformed_runway_is_ignored(string value)
    {
        using var owner = await SignedInAsync(ResellerPortal.Web.DemoData.DemoSeeder.Reseller1Email);

        var (status, page) = await owner.GetPageAsync("/clients?runway=" + Uri.EscapeDataString(value));

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Null(page.QuerySelector("[data-active-filter=runway]"));
    }

    /// <summary>
    /// A reseller whose clients each stand for one case; every client pays into a balance and spends by manual
    /// charges five days ago (30 in 30 days is 1 a day).
    /// </summary>
    private async Task<Built> BuildAsync(string slug)
    {
        var now = Portal.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var longAgo = now.AddDays(-60);
        var email = $"admin@{slug}.example.com";
        var built = await AsPlatformAsync(async db =>
        {
            var reseller = await new ResellerBuilder(slug).SaveAsync(db);
            var op = new Operator(reseller.Id, "Op " + slug, slug + ".example.com", now);
            db.Operators.Add(op);
            var package = new Package(reseller.Id, "Basic " + slug, "EUR", now);
            package.SetFees(10m, 0m);
            db.Packages.Add(package);
            await db.SaveChangesAsync();

            var clients = new Dictionary<string, Guid>();
            var ledger = new List<LedgerEntry>();
            var n = 0;
            Client Add(string name, DateOnly nextBilling, decimal paid, decimal spent)
            {
                var details = new ClientDetails(name, slug, "", "", "", "", "GB", "", $"{name}@{slug}.example.com", "", null);
                var client = Client.Create(reseller.Id, op.Id, details, "EUR", nextBilling, longAgo);
                db.Clients.Add(client);
                clients[name] = client.Id;
                if (paid > 0m)
                {
                    ledger.Add(LedgerEntry.Record(reseller.Id, client.Id, LedgerKind.Payment, paid, "EUR", "Top-up", "test:" + Guid.NewGuid().ToString("N"), longAgo, AuditActor.System("test")));
                }

                if (spent > 0m)
                {
                    ledger.Add(LedgerEntry.Record(reseller.Id, client.Id, LedgerKind.Charge, spent, "EUR", "Calls", LedgerEntry.ManualKey(Guid.NewGuid()), now.AddDays(-5), AuditActor.System("test")));
                }

                return client;
            }

            void Fees(Client client)
            {
                var sub = new SubAccount(reseller.Id, $"{slug}-{n++}", "", longAgo);
                db.SubAccounts.Add(sub);
                sub.ConnectTo(client.Id, longAgo);
                sub.AssignPackage(package, client);
                var did = new Did(reseller.Id, $"+4420{Math.Abs(slug.GetHashCode(StringComparison.Ordinal)) % 100000:00000}{n:000}", "", longAgo);
                db.Dids.Add(did);
                did.Connect(sub.Id, new DidTerms(0m, 2m, 0.01m, DateOnly.FromDateTime(longAgo.UtcDateTime)), longAgo);
            }

            var far = today.AddDays(20);
            Add("three-days", far, 33m, 30m); // 3 left at 1 a day
            Add("thirty-days", far, 60m, 30m); // 30 left at 1 a day
            Add("at-zero", far, 0m, 0m); // nothing left
            Add("quiet", far, 5m, 0m); // no spend, no fees: never
            Fees(Add("fees-in-2-days", today.AddDays(2), 11m, 0m)); // 12 of fees take the 11 on day 2
            Fees(Add("fees-in-12-days", today.AddDays(12), 11m, 0m)); // outside the week
            Fees(Add("fees-covered", today.AddDays(2), 50m, 0m)); // 12 of fees leave 38
            var item = Add("item-in-5-days", today.AddDays(5), 4m, 0m); // a 5.00 basket item on the next run
            db.BasketItems.Add(BasketItem.Create(reseller.Id, item.Id, "EUR", "Router", "Hardware", $"{slug}-item", "Router", 5m, today.AddDays(3), false, longAgo));
            var blocked = Add("blocked-with-fees", today.AddDays(2), 5m, 0m); // not billed while blocked
            Fees(blocked);
            blocked.ChangeStatus(ClientStatus.Blocked, now);
            await db.SaveChangesAsync();
            db.LedgerEntries.AddRange(ledger);
            await db.SaveChangesAsync();
            return new Built(reseller.Id, email, clients);
        });
        await new UserBuilder(email, Roles.ResellerAdmin).Of(built.ResellerId).SaveAsync(Portal);
        return built;
    }
}
