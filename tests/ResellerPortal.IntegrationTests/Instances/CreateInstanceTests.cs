using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Instances;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Instances;

public sealed class CreateInstanceTests(PostgresFixture postgres) : PortalTest(postgres)
{
    [Theory]
    [InlineData("fresh-name", true, null)]
    [InlineData("Fresh-Name", true, null)]
    [InlineData("ab", false, "invalid format")]
    [InlineData("-dash-first", false, "invalid format")]
    [InlineData("has space", false, "invalid format")]
    [InlineData("ünïcode", false, "invalid format")]
    [InlineData("eu-acme", false, "taken")]
    [InlineData("EU-ACME", false, "taken")]
    [InlineData("beta-harbor", false, "taken")]
    public async Task Name_availability_answers_for_valid_invalid_and_taken_names(string name, bool available, string? reason)
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var answer = await AvailabilityAsync(owner, name);

        Assert.Equal(available, answer.GetProperty("available").GetBoolean());
        Assert.Equal(reason, answer.GetProperty("reason").GetString());
        Assert.Equal(name.Trim().ToLowerInvariant(), answer.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_deleted_instances_name_is_quarantined()
    {
        await AsPlatformAsync(async db =>
        {
            var instance = await new InstanceBuilder("gone-soon").In(ClientState.Sold, ClientMode.Removed).SaveAsync(db);
            instance.MarkDeleted(DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        using var owner = await SignedInAsync(DemoSeeder.Reseller2Email);

        var answer = await AvailabilityAsync(owner, "gone-soon");

        Assert.False(answer.GetProperty("available").GetBoolean());
        Assert.Equal("quarantined", answer.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Creating_an_instance_stores_it_provisioning_with_the_password_encrypted()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var us = await OperatorIdAsync("US");

        var response = await owner.SubmitAsync("/instances/new", Form("new-customer", us, "SOLD", "Plain-Secret-123"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await AsPlatformAsync(db => db.Instances.SingleAsync(i => i.Name == "new-customer"));
        Assert.True(stored.IsProvisioning);
        Assert.Equal(us, stored.OperatorId);
        Assert.NotNull(stored.PendingAdminPasswordProtected);
        Assert.DoesNotContain("Plain-Secret-123", stored.PendingAdminPasswordProtected, StringComparison.Ordinal);
        var (_, page) = await owner.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.NotNull(page.QuerySelector("[data-instance=new-customer] [data-flag=provisioning]"));
    }

    [Fact]
    public async Task A_rejected_create_shows_the_reasons_and_keeps_the_input_but_not_the_password()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var us = await OperatorIdAsync("US");
        var fields = Form("Bad Name!", us, "SOLD", "short");
        fields["MaxAgents"] = "20000";
        fields["Timezone"] = "Mars/Olympus";
        fields["ContactEmail"] = "not-an-email";

        var response = await owner.SubmitAsync("/instances/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        foreach (var field in new[] { "Name", "Password", "MaxAgents", "Timezone", "ContactEmail" })
        {
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"[data-valmsg-for={field}]")!.TextContent), field);
        }

        Assert.Equal("Bad Name!", page.QuerySelector("input[name=Name]")!.GetAttribute("value"));
        Assert.Equal("20000", page.QuerySelector("input[name=MaxAgents]")!.GetAttribute("value"));
        Assert.Equal("Customer Ltd", page.QuerySelector("input[name=LongName]")!.GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(page.QuerySelector("input[name=Password]")!.GetAttribute("value")));
    }

    [Fact]
    public async Task A_reseller_cannot_create_a_TEST_instance()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller2Email);
        var main = await OperatorIdAsync("Main");

        var response = await owner.SubmitAsync("/instances/new", Form("my-test", main, "TEST", "Long-enough-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("provider", page.QuerySelector("[data-valmsg-for=State]")!.TextContent, StringComparison.Ordinal);
        Assert.False(await AsPlatformAsync(db => db.Instances.AnyAsync(i => i.Name == "my-test")));
    }

    [Fact]
    public async Task The_provider_sets_TEST_but_only_once_per_operator()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var main = await OperatorIdAsync("Main");

        var response = await admin.SubmitAsync("/instances/new", Form("second-test", main, "TEST", "Long-enough-1"));

        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("already has its TEST", page.QuerySelector("[data-valmsg-for=State]")!.TextContent, StringComparison.Ordinal);
        var sold = await admin.SubmitAsync("/instances/new", Form("provider-made", main, "SOLD", "Long-enough-1"));
        Assert.Equal(HttpStatusCode.Redirect, sold.StatusCode);
    }

    [Fact]
    public async Task A_customer_gets_one_DEMO_only()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var eu = await OperatorIdAsync("EU");
        var fields = Form("vintage-again", eu, "DEMO", "Long-enough-1");
        fields["LongName"] = "vintage wines";

        var response = await owner.SubmitAsync("/instances/new", fields);

        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("already had a DEMO", page.QuerySelector("[data-valmsg-for=State]")!.TextContent, StringComparison.Ordinal);
        fields["State"] = "SOLD";
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync("/instances/new", fields)).StatusCode);
    }

    [Fact]
    public async Task The_one_DEMO_rule_matches_company_names_literally_wildcards_included()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var eu = await OperatorIdAsync("EU");
        var first = Form("percent-one", eu, "DEMO", "Long-enough-1");
        first["LongName"] = "100% Fun_Co";
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync("/instances/new", first)).StatusCode);

        var lookalike = Form("percent-two", eu, "DEMO", "Long-enough-1");
        lookalike["LongName"] = "100X FunXCo";
        var same = Form("percent-three", eu, "DEMO", "Long-enough-1");
        same["LongName"] = "100% FUN_CO";

        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync("/instances/new", lookalike)).StatusCode);
        var refused = await owner.SubmitAsync("/instances/new", same);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("already had a DEMO", Browser.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for=State]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simultaneous_creates_of_one_name_give_one_instance_and_clear_errors()
    {
        var us = await OperatorIdAsync("US");
        var browsers = new List<Browser>();
        for (var i = 0; i < 8; i++)
        {
            browsers.Add(await SignedInAsync(i % 2 == 0 ? DemoSeeder.Reseller1Email : DemoSeeder.AdminEmail));
        }

        var tokens = new List<string>();
        foreach (var b in browsers)
        {
            var (_, form) = await b.GetPageAsync("/instances/new");
            tokens.Add(form.QuerySelector("form#create-instance-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!);
        }

        var responses = await Task.WhenAll(browsers.Select((b, i) => b.PostAsync("/instances/new", Form("race-name", us, "SOLD", "Long-enough-1"), tokens[i])));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            var page = Browser.Parse(html);
            Assert.True(page.QuerySelector("[data-valmsg-for=Name]") is not null, html);
            // A loser that reads after the winner's commit is told by the name check; one that saves at the same
            // moment is told by the unique index (ConstraintViolations): both beside the name.
            var message = page.QuerySelector("[data-valmsg-for=Name]")!.TextContent;
            Assert.True(message.Contains("already used", StringComparison.Ordinal) || message.Contains("This name is taken", StringComparison.Ordinal), message);
        }

        Assert.Equal(1, await AsPlatformAsync(db => db.Instances.CountAsync(i => i.Name == "race-name")));
        browsers.ForEach(b => b.Dispose());
    }

    private static Dictionary<string, string> Form(string name, Guid operatorId, string state, string password) => new()
    {
        ["Name"] = name,
        ["OperatorId"] = operatorId.ToString(),
        ["LongName"] = "Customer Ltd",
        ["Timezone"] = "Europe/Rome",
        ["MaxAgents"] = "15",
        ["RetentionDays"] = "365",
        ["State"] = state,
        ["Mode"] = "ON",
        ["Password"] = password,
    };

    private static async Task<JsonElement> AvailabilityAsync(Browser browser, string name)
    {
        var response = await browser.GetAsync("/instances/name-availability?name=" + Uri.EscapeDataString(name));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
