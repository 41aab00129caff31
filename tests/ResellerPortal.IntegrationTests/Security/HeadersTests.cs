using System.Net;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Tests.Shared;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Security;

/// <summary>Response headers (issue 16, finding 8), with the portal served over HTTPS (<c>Portal:Https=true</c>).</summary>
public sealed class HeadersTests(PostgresFixture postgres) : PortalTest(postgres)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:Https"] = "true" };

    private Browser HttpsBrowser()
    {
        var browser = NewBrowser();
        browser.Client.BaseAddress = new Uri("https://portal.example.com");
        return browser;
    }

    [Fact]
    public async Task Over_https_every_answer_has_hsts_and_every_cookie_is_secure_with_the_host_prefix()
    {
        using var browser = HttpsBrowser();

        var login = await browser.GetAsync("/account/login");
        var signedIn = await browser.SubmitAsync("/account/login", [new("Email", DemoSeeder.Reseller1Email), new("Password", DemoSeeder.DefaultPassword)]);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        foreach (var response in new[] { login, signedIn })
        {
            Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        }

        // Deletions (of cookies never set, by the sign-out before a sign-in) carry no value to protect.
        var cookies = login.Headers.GetValues("Set-Cookie").Concat(signedIn.Headers.GetValues("Set-Cookie"))
            .Where(c => !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Contains(cookies, c => c.StartsWith("__Host-rp.af=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("__Host-rp.auth=", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            var attributes = c.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
            Assert.Contains("secure", attributes);
            Assert.Contains("httponly", attributes);
            Assert.Contains("path=/", attributes);
            Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
            Assert.StartsWith("__Host-", c, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Exports_json_and_partial_pages_of_a_signed_in_user_are_not_stored_by_any_cache()
    {
        using var browser = HttpsBrowser();
        await browser.SubmitAsync("/account/login", [new("Email", DemoSeeder.Reseller1Email), new("Password", DemoSeeder.DefaultPassword)]);

        foreach (var url in new[] { "/clients/export.csv", "/clients/export.xml", "/instances/cards", "/instances/name-availability?name=abc", "/clients", "/dashboard" })
        {
            var response = await browser.GetAsync(url);
            Assert.Equal((url, HttpStatusCode.OK), (url, response.StatusCode));
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{url}: Cache-Control {response.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task Kestrel_does_not_name_itself()
    {
        await using var kestrel = new PortalFactory(Portal.ConnectionString);
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        using var client = kestrel.CreateClient();

        var response = await client.GetAsync(new Uri("/account/login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), string.Join(",", response.Headers.Server));
    }
}
