using Microsoft.EntityFrameworkCore;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Instances;

/// <summary>Keyset paging of the cards: "Load more" walks every instance once, in name order.</summary>
public sealed class InstancePagingTests(PostgresFixture postgres) : PortalTest(postgres)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Instances:PageSize"] = "7" };

    [Theory]
    [InlineData("")]
    [InlineData("?mode=ON")]
    [InlineData("?q=us-")]
    public async Task Load_more_walks_every_matching_instance_once_in_name_order(string query)
    {
        var expected = await AsPlatformAsync(db => db.Instances
            .Where(i => i.ResellerId == db.Resellers.Single(r => r.Slug == "alpha").Id)
            .Where(i => query != "?mode=ON" || i.Mode == Domain.Instances.ClientMode.On)
            .Where(i => query != "?q=us-" || i.Name.Contains("us-"))
            .Select(i => i.Name)
            .ToListAsync());
        expected.Sort(StringComparer.Ordinal);
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var (_, page) = await owner.GetPageAsync("/instances" + query);
        var seen = page.QuerySelectorAll("[data-instance]").Select(c => c.GetAttribute("data-instance")!).ToList();
        var next = page.QuerySelector("#load-more a")?.GetAttribute("hx-get");
        var requests = 1;
        while (next is not null)
        {
            var (_, more) = await owner.GetPageAsync(next);
            seen.AddRange(more.QuerySelectorAll("[data-instance]").Select(c => c.GetAttribute("data-instance")!));
            next = more.QuerySelector("#load-more a")?.GetAttribute("hx-get");
            Assert.True(++requests < 50, "Load more does not end.");
        }

        Assert.Equal(expected, seen);
        Assert.True(requests > 1 || expected.Count <= 7);
    }
}
