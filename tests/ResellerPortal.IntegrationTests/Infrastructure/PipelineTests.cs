using System.Net;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Infrastructure;

/// <summary>Security headers, health endpoints, friendly errors and input that must never cause a 500.</summary>
public sealed class PipelineTests(PostgresFixture postgres) : PortalTest(postgres)
{
    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy_and_no_inline_script()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);

        // The jobs dashboard (Hangfire's pages) has its own policy: JobsDashboardTests.
        foreach (var url in new[] { "/admin/resellers", "/admin/outbox", "/admin/audit" })
        {
            var (response, page) = await admin.GetPageAsync(url);
            var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.All(page.Scripts, s => Assert.False(string.IsNullOrEmpty(s.Source), $"{url} has an inline script"));
            Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
            Assert.DoesNotContain(page.All, e => e.HasAttribute("style"));
        }
    }

    [Fact]
    public async Task Every_form_carries_an_antiforgery_token()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var beta = await ResellerIdAsync("beta");

        foreach (var url in new[] { "/admin/resellers/new", $"/admin/resellers/{beta}/edit", $"/admin/resellers/{beta}/operators/new", $"/admin/resellers/{beta}/users/new", "/instances/new", "/admin/network-status" })
        {
            var (_, page) = await admin.GetPageAsync(url);
            var postForms = page.Forms.Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.NotEmpty(postForms);
            Assert.All(postForms, f => Assert.NotNull(f.QuerySelector("input[name=__RequestVerificationToken]")));
        }
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_refused()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);

        var response = await admin.PostAsync("/admin/resellers/new", [new("Name", "No Token"), new("Slug", "no-token")], token: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await AsPlatformAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Resellers, r => r.Slug == "no-token")));
    }

    [Fact]
    public async Task Health_endpoints_answer_without_login()
    {
        using var anonymous = NewBrowser();

        var live = await anonymous.GetAsync("/health/live");
        var ready = await anonymous.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_page_shows_the_friendly_404()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);

        var (response, page) = await admin.GetPageAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404", page.QuerySelector("[data-error-code]")?.GetAttribute("data-error-code"));
    }

    [Theory]
    [InlineData("/operators/not-a-guid")]
    [InlineData("/operators/00000000-0000-0000-0000-000000000000")]
    [InlineData("/admin/resellers/%ff%fe")]
    [InlineData("/admin/resellers/%0d%0aX-Injected:%20yes")]
    [InlineData("/admin/outbox?page=-5&status=Bogus")]
    [InlineData("/admin/outbox?page=99999999999999999999")]
    [InlineData("/admin/audit?entityId=zzz&page=abc")]
    [InlineData("/admin/jobs/nope/nope/run")]
    [InlineData("/account/login?returnUrl=%0d%0aSet-Cookie:%20x=y")]
    public async Task Malformed_requests_never_cause_a_server_error(string url)
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);

        var response = await admin.GetAsync(url);

        Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_rejected_form_shows_the_reason_next_to_the_field_and_keeps_the_input()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);

        var response = await admin.SubmitAsync("/admin/resellers/new", [new("Name", "Delta Networks"), new("Slug", "Bad Slug!")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("lower-case letters", page.QuerySelector("[data-valmsg-for=Slug]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Delta Networks", page.QuerySelector("input[name=Name]")!.GetAttribute("value"));
        Assert.Equal("Bad Slug!", page.QuerySelector("input[name=Slug]")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("Name", "")]
    [InlineData("Slug", "alpha")]
    [InlineData("Name", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public async Task Reseller_form_refuses_bad_values_with_a_message(string field, string value)
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var fields = new Dictionary<string, string> { ["Name"] = "Epsilon", ["Slug"] = "epsilon", [field] = value };

        var response = await admin.SubmitAsync("/admin/resellers/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"[data-valmsg-for={field}]")!.TextContent));
    }

    [Fact]
    public async Task User_form_refuses_a_short_password_and_operators_of_another_reseller()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var alpha = await ResellerIdAsync("alpha");
        var betaOperator = await AsPlatformAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Operators.Where(o => o.Name == "Main").Select(o => o.Id)));

        var response = await admin.SubmitAsync(
            $"/admin/resellers/{alpha}/users/new",
            [new("Email", "new.staff@demo.local"), new("DisplayName", "New Staff"), new("Role", "ResellerUser"), new("Password", "short"), new("OperatorIds", betaOperator.ToString())]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("at least 8", page.QuerySelector("[data-valmsg-for=Password]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("this reseller only", page.QuerySelector("[data-valmsg-for=OperatorIds]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("new.staff@demo.local", page.QuerySelector("input[name=Email]")!.GetAttribute("value"));
    }
}
