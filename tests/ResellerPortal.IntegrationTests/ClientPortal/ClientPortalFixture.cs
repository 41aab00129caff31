using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Clients;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Tests.Shared;
using ResellerPortal.Web.Branding;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Email;

namespace ResellerPortal.IntegrationTests.ClientPortal;

/// <summary>
/// A brand with signup on and a registered website, over the reseller's stored one (the plain look when it
/// has none). Everything else (routing, logins, pages) is the portal's own.
/// </summary>
public sealed class OpenBrands(PortalDbContext db) : IClientBrands
{
    public const string Website = "https://www.alpha-site.test";

    public async Task<ClientBrand?> ForResellerAsync(Guid resellerId, CancellationToken ct) =>
        await new StoredClientBrands(db).ForResellerAsync(resellerId, ct) is { } brand
            ? brand with { SignupEnabled = true, WebsiteOrigins = [Website] }
            : null;
}

/// <summary>The client portal's tests: a portal whose mail goes to a real SMTP server on loopback.</summary>
public abstract class ClientPortalTest(PostgresFixture postgres) : PortalTest(postgres)
{
    public const string ProductName = "ResellerPortal";

    protected SmtpSink Smtp { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:From"] = "mailer@test.local",
        ["Portal:PublicBaseUrl"] = "https://clients.example.net",
        ["Portal:SignupsPerIpPerHour"] = "1000",
        ["Portal:SignupsPerResellerPerHour"] = "1000",
    };

    protected override void ReplaceServices(IServiceCollection services) => services.AddScoped<IClientBrands, OpenBrands>();

    public override async Task DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Sends what the outbox holds and returns the mails the SMTP server received since the last call.</summary>
    protected async Task<List<MimeKit.MimeMessage>> DeliverAsync()
    {
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Tenant.UsePlatform();
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(50, CancellationToken.None);
        }

        var mails = new List<MimeKit.MimeMessage>();
        while (Smtp.Received.TryDequeue(out var mail))
        {
            mails.Add(MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data))));
        }

        return mails;
    }

    protected static string LinkIn(MimeKit.MimeMessage mail) =>
        Regex.Match(mail.TextBody ?? string.Empty, @"https?://\S+").Value;

    /// <summary>A browser on <paramref name="host"/> (the request's Host header), keeping cookies.</summary>
    protected HttpClient OnHost(string host, CookieContainer? cookies = null) =>
        Portal.CreateDefaultClient(new Uri($"http://{host}"), new CookieContainerHandler(cookies ?? new CookieContainer()));

    protected static async Task<HttpResponseMessage> ClientLoginAsync(Browser browser, string slug, string email, string password = Web.DemoData.DemoSeeder.DefaultPassword) =>
        await browser.SubmitAsync($"/c/{slug}/login", [new("Email", email), new("Password", password)]);

    protected async Task<Browser> ClientSignedInAsync(string slug, string email, string password = Web.DemoData.DemoSeeder.DefaultPassword)
    {
        var browser = NewBrowser();
        var response = await ClientLoginAsync(browser, slug, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/c/{slug}/", response.Headers.Location?.OriginalString);
        return browser;
    }

    /// <summary>A client of the test's own at Alpha with a login (demo password), a sub-account, numbers and ledger rows.</summary>
    protected async Task<Client> AlphaClientWithLoginAsync(string email)
    {
        var alphaId = await ResellerIdAsync("alpha");
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UseReseller(alphaId);
        var now = Portal.Clock.GetUtcNow();
        var operatorId = await db.Operators.OrderBy(o => o.Name).Select(o => o.Id).FirstAsync();
        var client = Client.Create(alphaId, operatorId, new ClientDetails("Test", "Client", "", "", "", "", "GB", "", email, "", null), "EUR", DateOnly.FromDateTime(now.UtcDateTime).AddMonths(1), now);
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        var logins = scope.ServiceProvider.GetRequiredService<Web.Features.ClientPortal.ClientLogins>();
        Assert.NotNull(await logins.CreateLoginAsync(client, Web.DemoData.DemoSeeder.DefaultPassword));
        return client;
    }

    protected async Task AddBasketItemAsync(Client client, string product, DateOnly due, bool hidden)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UseReseller(client.ResellerId);
        db.BasketItems.Add(BasketItem.Create(client.ResellerId, client.Id, client.Currency, product, "Custom", "t-" + Guid.NewGuid().ToString("N")[..12], product, 10m, due, hidden, Portal.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }
}
