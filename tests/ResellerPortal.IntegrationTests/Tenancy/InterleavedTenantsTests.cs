using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Tenancy;

/// <summary>
/// Issue 14: the per-request state (the tenant of the request's DbContext, the connections of the shared pool, which
/// are no longer reset between requests, the pre-tenant reads) never carries one reseller's request into another's.
/// Two resellers' requests run interleaved, many times, through real HTTP; each sees exactly its own rows.
/// </summary>
public sealed class InterleavedTenantsTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private const int Rounds = 30;

    private sealed record Seen(string Email, string[] Operators, HashSet<string> Instances, HashSet<string> Clients);

    [Fact]
    public async Task Two_resellers_interleaved_requests_never_see_each_other_s_rows()
    {
        var alpha = await ResellerIdAsync("alpha");
        var beta = await ResellerIdAsync("beta");
        var expected = new Dictionary<string, Seen>
        {
            [DemoSeeder.Reseller1Email] = await OwnRowsAsync(DemoSeeder.Reseller1Email, alpha, ["EU", "US"]),
            [DemoSeeder.Reseller2Email] = await OwnRowsAsync(DemoSeeder.Reseller2Email, beta, ["Main"]),
        };
        foreach (var own in expected.Values)
        {
            // Otherwise the test could not fail: both resellers must have rows of each kind.
            Assert.NotEmpty(own.Instances);
            Assert.NotEmpty(own.Clients);
        }

        using var first = await SignedInAsync(DemoSeeder.Reseller1Email);
        using var second = await SignedInAsync(DemoSeeder.Reseller2Email);
        for (var round = 0; round < Rounds; round++)
        {
            // Both resellers' pages at once, in a different order each round.
            var requests = new List<Task<(string Email, string Url, HttpStatusCode Status, AngleSharp.Html.Dom.IHtmlDocument Page)>>();
            foreach (var url in new[] { "/instances", "/operators", "/clients" })
            {
                var pair = round % 2 == 0 ? new[] { (first, DemoSeeder.Reseller1Email), (second, DemoSeeder.Reseller2Email) } : [(second, DemoSeeder.Reseller2Email), (first, DemoSeeder.Reseller1Email)];
                foreach (var (browser, email) in pair)
                {
                    requests.Add(Task.Run(async () =>
                    {
                        var (response, page) = await browser.GetPageAsync(url);
                        return (email, url, response.StatusCode, page);
                    }));
                }
            }

            foreach (var (email, url, status, page) in await Task.WhenAll(requests))
            {
                var own = expected[email];
                var other = expected.Values.Single(s => s.Email != email);
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Equal(email, page.QuerySelector("[data-current-user]")?.GetAttribute("data-current-user"));
                switch (url)
                {
                    case "/operators":
                        Assert.Equal(own.Operators, page.QuerySelectorAll("[data-operator]").Select(e => e.GetAttribute("data-operator")!).ToArray());
                        break;
                    case "/instances":
                        var cards = page.QuerySelectorAll("[data-instance]").Select(e => e.GetAttribute("data-instance")!).ToList();
                        Assert.NotEmpty(cards);
                        Assert.All(cards, name => Assert.Contains(name, own.Instances));
                        Assert.DoesNotContain(cards, other.Instances.Contains);
                        break;
                    default:
                        var clients = page.QuerySelectorAll("[data-client]").Select(e => e.GetAttribute("data-client")!).ToList();
                        Assert.NotEmpty(clients);
                        Assert.All(clients, id => Assert.Contains(id, own.Clients));
                        Assert.DoesNotContain(clients, other.Clients.Contains);
                        break;
                }
            }
        }
    }

    private async Task<Seen> OwnRowsAsync(string email, Guid reseller, string[] operators) => new(
        email,
        operators,
        [.. await AsPlatformAsync(db => db.Instances.Where(i => i.ResellerId == reseller).Select(i => i.Name).ToListAsync())],
        [.. await AsPlatformAsync(db => db.Clients.Where(c => c.ResellerId == reseller).Select(c => c.Id.ToString()).ToListAsync())]);
}
