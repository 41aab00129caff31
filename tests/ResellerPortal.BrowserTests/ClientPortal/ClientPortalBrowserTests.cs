using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ResellerPortal.BrowserTests.Support;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Features.ClientPortal;
using static Microsoft.Playwright.Assertions;

namespace ResellerPortal.BrowserTests.ClientPortal;

public sealed class ClientPortalBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Client_signs_in_at_its_resellers_portal_and_sees_its_balance_numbers_and_only_visible_basket_items()
    {
        const string email = "browser-client@example.org";
        const string number = "+442079469871";
        await using (var scope = Fixture.Portal.Services.CreateAsyncScope())
        {
            Guid alphaId;
            await using (var lookup = Fixture.Portal.Services.CreateAsyncScope())
            {
                alphaId = await lookup.ServiceProvider.GetRequiredService<PortalDbContext>().Resellers.Where(r => r.Slug == "alpha").Select(r => r.Id).SingleAsync();
            }

            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Tenant.UseReseller(alphaId);
            var now = Fixture.Portal.Clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var operatorId = await db.Operators.OrderBy(o => o.Name).Select(o => o.Id).FirstAsync();
            var client = Client.Create(alphaId, operatorId, new ClientDetails("Brow", "Ser", "", "", "", "", "GB", "", email, "", null), "EUR", today.AddMonths(1), now);
            db.Clients.Add(client);
            await db.SaveChangesAsync();
            var sub = new SubAccount(alphaId, "browser-desk", "Desk", now);
            sub.ConnectTo(client.Id, now);
            db.SubAccounts.Add(sub);
            var did = new Did(alphaId, number, "Browser line", now);
            did.Connect(sub.Id, new DidTerms(0m, 2.5m, 0.01m, today), now);
            db.Dids.Add(did);
            db.LedgerEntries.Add(LedgerEntry.Record(alphaId, client.Id, LedgerKind.Payment, 42.5m, "EUR", "Top-up", "browser:" + client.Id.ToString("N"), now, AuditActor.System("browser-test")));
            db.BasketItems.Add(BasketItem.Create(alphaId, client.Id, "EUR", "Visible headset", "Hardware", "b-visible-" + client.Id.ToString("N")[..8], "Headset", 30m, today.AddDays(3), hiddenUntilDue: false, now));
            db.BasketItems.Add(BasketItem.Create(alphaId, client.Id, "EUR", "Hidden renewal", "Renewal", "b-hidden-" + client.Id.ToString("N")[..8], "Renewal", 99m, today.AddDays(20), hiddenUntilDue: true, now));
            await db.SaveChangesAsync();
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<ClientLogins>().CreateLoginAsync(client, DemoSeeder.DefaultPassword));
        }

        await Page.GotoAsync(Url("/c/alpha/login"));
        await Expect(Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Sign in — Alpha Telecom"));
        await Page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoSeeder.DefaultPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(Url("/c/alpha/"));
        await Expect(Page.Locator("[data-balance]")).ToHaveTextAsync("42.50 EUR");
        var nav = Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        await nav.GetByRole(AriaRole.Link, new() { Name = "Numbers" }).ClickAsync();
        await Expect(Page.Locator("[data-did]")).ToHaveTextAsync([number]);
        await nav.GetByRole(AriaRole.Link, new() { Name = "Basket" }).ClickAsync();
        await Expect(Page.Locator("[data-basket-item]")).ToHaveCountAsync(1);
        await Expect(Page.Locator("[data-basket]")).ToContainTextAsync("Visible headset");
        await Expect(Page.Locator("[data-basket]")).Not.ToContainTextAsync("Hidden renewal");
        await Expect(Page.Locator("body")).Not.ToContainTextAsync("ResellerPortal");
        await ScreenshotAsync("client-portal-basket");
    }
}
