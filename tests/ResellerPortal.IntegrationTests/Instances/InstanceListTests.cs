using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Instances;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Instances;

/// <summary>The list page over the demo instances: filters, operator scope and tenancy.</summary>
public sealed class InstanceListTests(PostgresFixture postgres) : PortalTest(postgres)
{
    public static TheoryData<string?, string?, string?, string?> Filters => new()
    {
        { null, null, null, null },
        { "EU", null, null, null },
        { null, "DEMO", null, null },
        { null, "SOLD", "EXPIRED", null },
        { "US", "SOLD", "ON", null },
        { null, null, "REMOVED", null },
        { null, null, null, "acme" },
        { null, null, null, "ACME" },
        { "US", null, null, "e" },
        { null, "TEST", null, null },
        { "EU", "DEMO", "ON", "gr" },
        { null, null, null, "%" },
        { null, null, null, "no-such-name" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Filters_combine_with_AND_and_show_exactly_the_matching_cards(string? operatorName, string? state, string? mode, string? q)
    {
        var all = await AllAlphaInstancesAsync();
        var operatorId = operatorName is null ? (Guid?)null : all.First(i => i.Operator == operatorName).OperatorId;
        var expected = all
            .Where(i => operatorName is null || i.Operator == operatorName)
            .Where(i => state is null || i.State.Code() == state)
            .Where(i => mode is null || i.Mode.Code() == mode)
            .Where(i => q is null || i.Name.Contains(q, StringComparison.OrdinalIgnoreCase))
            .Select(i => i.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        var query = string.Join('&', new[]
        {
            operatorId is null ? null : "operator=" + operatorId,
            state is null ? null : "state=" + state,
            mode is null ? null : "mode=" + mode,
            q is null ? null : "q=" + Uri.EscapeDataString(q),
        }.Where(p => p is not null));
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var (response, page) = await owner.GetPageAsync("/instances?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cards = page.QuerySelectorAll("[data-instance]").ToList();
        Assert.Equal(expected, cards.Select(c => c.GetAttribute("data-instance")!).ToList());
        Assert.All(cards, c =>
        {
            Assert.True(state is null || c.GetAttribute("data-state") == state);
            Assert.True(mode is null || c.GetAttribute("data-mode") == mode);
        });
    }

    [Fact]
    public async Task A_reseller_user_sees_only_the_instances_of_their_operators()
    {
        var all = await AllAlphaInstancesAsync();
        using var staff = await SignedInAsync(DemoSeeder.Staff1Email);

        var (_, page) = await staff.GetPageAsync("/instances");

        var names = page.QuerySelectorAll("[data-instance]").Select(c => c.GetAttribute("data-instance")!).ToList();
        Assert.Equal(all.Where(i => i.Operator == "EU").Select(i => i.Name).Order(StringComparer.Ordinal), names);
        var usInstance = all.First(i => i.Operator == "US");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/instances/{usInstance.Id}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/instances/{usInstance.Id}/history")).StatusCode);
        var (_, filtered) = await staff.GetPageAsync($"/instances?operator={usInstance.OperatorId}");
        Assert.Empty(filtered.QuerySelectorAll("[data-instance]"));
    }

    [Fact]
    public async Task Another_resellers_instance_is_a_404_and_never_listed()
    {
        var betaInstance = await AsPlatformAsync(db => db.Instances.Where(i => i.Name == "beta-harbor").Select(i => i.Id).SingleAsync());
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/instances/{betaInstance}/edit")).StatusCode);
        var post = await owner.SubmitAsync("/instances", [new("LongName", "Hijack"), new("Timezone", "Europe/Rome"), new("MaxAgents", "1"), new("RetentionDays", "1"), new("State", "SOLD"), new("Mode", "ON")],
            postUrl: $"/instances/{betaInstance}/edit");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var (_, page) = await owner.GetPageAsync("/instances?q=beta");
        Assert.Empty(page.QuerySelectorAll("[data-instance]"));
    }

    [Fact]
    public async Task Support_sees_every_resellers_instances_but_cannot_edit()
    {
        using var support = await SignedInAsync(DemoSeeder.SupportEmail);

        var (_, page) = await support.GetPageAsync("/instances?q=beta-harbor");
        var card = Assert.Single(page.QuerySelectorAll("[data-instance]"));
        Assert.Contains("Beta Voice", card.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#new-instance"));
        var id = await AsPlatformAsync(db => db.Instances.Where(i => i.Name == "beta-harbor").Select(i => i.Id).SingleAsync());
        var (_, form) = await support.GetPageAsync($"/instances/{id}/edit");
        Assert.Null(form.QuerySelector("#edit-instance-form button[type=submit]"));
    }

    [Fact]
    public async Task Clicking_a_state_tag_links_to_that_state_filter_keeping_the_others()
    {
        var euId = (await AllAlphaInstancesAsync()).First(i => i.Operator == "EU").OperatorId;
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var (_, page) = await owner.GetPageAsync($"/instances?operator={euId}&q=eu");
        var demoTag = page.QuerySelector("[data-state=DEMO] .state-tag")!;

        Assert.Equal($"/instances?operator={euId}&state=DEMO&q=eu", demoTag.GetAttribute("href"));
    }

    [Fact]
    public async Task Cards_show_expired_dates_certificate_urgency_and_flags()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var (_, page) = await owner.GetPageAsync("/instances");

        Assert.Equal("true", page.QuerySelector("[data-instance=eu-acme] [data-expired]")!.GetAttribute("data-expired"));
        Assert.Equal("urgent", page.QuerySelector("[data-instance=eu-acme] [data-cert]")!.GetAttribute("data-cert"));
        Assert.Equal("expired", page.QuerySelector("[data-instance=us-blue] [data-cert]")!.GetAttribute("data-cert"));
        Assert.NotNull(page.QuerySelector("[data-instance=eu-oldtrial] [data-flag=demo-overdue]"));
        Assert.Equal("DEMO", page.QuerySelector("[data-instance=eu-evergreen]")!.GetAttribute("data-state"));
        Assert.Null(page.QuerySelector("[data-instance=eu-evergreen] [data-flag=demo-overdue]"));
        Assert.NotNull(page.QuerySelector("[data-instance=us-newcomer] [data-flag=provisioning]"));
        Assert.NotNull(page.QuerySelector("[data-instance=eu-growing] [data-flag=restart-pending]"));
    }

    [Fact]
    public async Task Dashboard_totals_match_the_instances_and_link_to_the_filtered_list()
    {
        var all = await AllAlphaInstancesAsync();
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var (_, page) = await owner.GetPageAsync("/dashboard");

        string Total(string key) => page.QuerySelector($"[data-total={key}] .display-6")!.TextContent.Trim();
        Assert.Equal(all.Count(i => i.State == ClientState.Sold).ToString(System.Globalization.CultureInfo.InvariantCulture), Total("state-SOLD"));
        Assert.Equal(all.Count(i => i.Mode == ClientMode.Expired).ToString(System.Globalization.CultureInfo.InvariantCulture), Total("mode-EXPIRED"));
        Assert.Equal(all.Where(i => i.State == ClientState.Sold && i.Mode == ClientMode.On).Sum(i => i.MaxAgents).ToString(System.Globalization.CultureInfo.InvariantCulture), Total("agents"));
        Assert.Equal("1", Total("demo-overdue"));
        Assert.Equal("/instances?flag=demo-overdue", page.QuerySelector("[data-total=demo-overdue]")!.GetAttribute("href"));
        var (_, overdue) = await owner.GetPageAsync("/instances?flag=demo-overdue");
        Assert.Equal(["eu-oldtrial"], overdue.QuerySelectorAll("[data-instance]").Select(c => c.GetAttribute("data-instance")!).ToArray());
        Assert.Equal(2, page.QuerySelectorAll("#expiring-certificates [data-certificate]").Length);
        var active = await AsPlatformAsync(db => db.Clients.CountAsync(c => c.ResellerId == db.Resellers.Single(r => r.Slug == "alpha").Id && c.Status == Domain.Clients.ClientStatus.Active));
        Assert.Equal(active.ToString(System.Globalization.CultureInfo.InvariantCulture), Total("clients-ACTIVE"));
        Assert.Equal("/clients?status=ACTIVE", page.QuerySelector("[data-total=clients-ACTIVE]")!.GetAttribute("href"));
    }

    private sealed record Row(Guid Id, string Name, string Operator, Guid OperatorId, ClientState State, ClientMode Mode, int MaxAgents);

    private Task<List<Row>> AllAlphaInstancesAsync() =>
        AsPlatformAsync(db => (
                from i in db.Instances
                join o in db.Operators on i.OperatorId equals o.Id
                join r in db.Resellers on i.ResellerId equals r.Id
                where r.Slug == "alpha"
                select new Row(i.Id, i.Name, o.Name, o.Id, i.State, i.Mode, i.MaxAgents))
            .ToListAsync());
}
