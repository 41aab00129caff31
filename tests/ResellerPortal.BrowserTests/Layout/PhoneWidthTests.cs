using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ResellerPortal.BrowserTests.Support;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.BrowserTests.Layout;

/// <summary>
/// Issue 15, item 9: on a 390×844 phone the pages people read most fit the screen, with no sideways scrolling
/// of the page itself (a wide table may scroll inside its own box); at 1366×900 no page is wider than the screen. Screenshots of every page at 1366×900 and
/// 390×844 go to the folder named by <c>PORTAL_SCREENSHOTS</c> when it is set, for a person to look at.
/// </summary>
public sealed class PhoneWidthTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const int PhoneWidth = 390;

    [Fact]
    public async Task A_resellers_pages_fit_a_390_pixel_phone()
    {
        var client = await ClientWithDidsAndLedgerAsync();
        var did = await FirstConnectedDidAsync();
        var key = await QueryAsync(db => db.PrepurchasedKeys.Where(k => db.Resellers.Any(r => r.Id == k.ResellerId && r.Slug == "alpha")).OrderBy(k => k.ImportedAt).Select(k => k.Id).FirstAsync());
        var package = await QueryAsync(db => db.Packages.Where(p => db.Resellers.Any(r => r.Id == p.ResellerId && r.Slug == "alpha")).OrderBy(p => p.Name).Select(p => p.Id).FirstAsync());
        var subAccount = await QueryAsync(db => db.SubAccounts.Where(s => s.ClientId == client).Select(s => s.Id).FirstAsync());
        await SignInAsync(DemoSeeder.Reseller1Email);

        var tooWide = await WidthsAsync(
            "reseller",
            ["/dashboard", "/instances", "/clients", $"/clients/{client}", $"/subaccounts/{subAccount}", "/packages", $"/packages/{package}",
                "/dids", $"/dids/{did}", "/keys", $"/keys/{key}", "/operators", "/audit", "/account/security",
                "/baskets", "/payments", "/reports/financial", "/users", "/account/acted-as", "/branding"]);

        Assert.True(tooWide.Count == 0, "Wider than the phone:\n" + string.Join('\n', tooWide));
    }

    [Fact]
    public async Task The_providers_pages_fit_a_390_pixel_phone()
    {
        var client = await ClientWithDidsAndLedgerAsync();
        await SignInAsync(DemoSeeder.AdminEmail);

        var tooWide = await WidthsAsync(
            "admin",
            ["/admin/resellers", await FirstResellerPageAsync(), "/instances", "/clients", $"/clients/{client}", "/packages", "/dids", "/keys", "/audit", "/admin/outbox", "/admin/network-status", "/admin/billing"]);

        Assert.True(tooWide.Count == 0, "Wider than the phone:\n" + string.Join('\n', tooWide));
    }

    [Fact]
    public async Task Status_badges_have_the_same_colour_on_the_list_and_the_detail_page()
    {
        var freeDid = await QueryAsync(db => db.Dids.Where(d => d.SubAccountId == null && db.Resellers.Any(r => r.Id == d.ResellerId && r.Slug == "alpha")).OrderBy(d => d.Number).Select(d => new { d.Id, d.Number }).FirstAsync());
        await SignInAsync(DemoSeeder.Reseller1Email);

        await Page.GotoAsync($"/dids?state=free&prefix={Uri.EscapeDataString(freeDid.Number)}");
        var inList = await Page.Locator($"tr[data-did='{freeDid.Number}'] [data-did-state]").GetAttributeAsync("class");
        await Page.GotoAsync($"/dids/{freeDid.Id}");
        Assert.Equal(inList, await Page.Locator("h1 [data-did-state]").GetAttributeAsync("class"));

        await Page.GotoAsync("/keys");
        var rows = Page.Locator("tr[data-ppk]");
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var row = rows.Nth(i);
            var id = await row.GetAttributeAsync("data-ppk");
            var badge = await row.Locator("[data-status-badge]").GetAttributeAsync("class");
            var detail = await Page.Context.NewPageAsync();
            await detail.GotoAsync($"/keys/{id}");
            Assert.Equal(badge, await detail.Locator("#key-status [data-status-badge]").First.GetAttributeAsync("class"));
            await detail.CloseAsync();
        }
    }

    /// <summary>Opens each page at phone size and returns those wider than the phone, with their width.</summary>
    private async Task<List<string>> WidthsAsync(string who, IEnumerable<string> paths)
    {
        var tooWide = new List<string>();
        foreach (var path in paths)
        {
            await Page.SetViewportSizeAsync(1366, 900);
            await Page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
            await ShotAsync(who, path, 1366);
            var desktop = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (desktop > 1366)
            {
                // The navigation bar of the role with most links once pushed the page wider than a laptop's screen.
                tooWide.Add($"{path} at 1366 px: {desktop} px");
            }

            tooWide.AddRange((await ScrollingTablesAsync()).Select(s => $"{path} at 1366 px: table {s} scrolls sideways"));

            await Page.SetViewportSizeAsync(PhoneWidth, 844);
            await Page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
            await ShotAsync(who, path, PhoneWidth);
            var width = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > PhoneWidth)
            {
                tooWide.Add($"{path}: {width} px, past the edge: {string.Join("; ", await PastTheEdgeAsync(PhoneWidth))}");
            }

            // A table in a scrolling box does not widen the page, but hides its right-hand columns (status, balance).
            tooWide.AddRange((await ScrollingTablesAsync()).Select(s => $"{path}: table {s} scrolls sideways"));
        }

        return tooWide;
    }

    /// <summary>
    /// Tables in a scrolling box wider than the box: the page fits, but the right-hand columns are out of view. A
    /// box marked <c>data-scrolls-inside</c> (a licence's log of attempts) scrolls on a phone on purpose.
    /// </summary>
    private Task<string[]> ScrollingTablesAsync() =>
        Page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('.table-responsive:not([data-scrolls-inside])')].filter(b => b.scrollWidth > b.clientWidth + 1).map(b => (b.querySelector('table')?.id || '?') + ' ' + b.scrollWidth + ' px')");

    /// <summary>The innermost elements whose right edge is past the screen's, named so that a failure says what to fix.</summary>
    private Task<string[]> PastTheEdgeAsync(int width) =>
        Page.EvaluateAsync<string[]>(
            @"w => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > w + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > w + 1))
                .slice(0, 8)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).trim().split(/\s+/).join('.') : '')
                    + ' (' + Math.round(e.getBoundingClientRect().right) + ' px) ' + (e.textContent || '').trim().slice(0, 50))",
            width);

    private async Task ShotAsync(string who, string path, int width)
    {
        if (Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var name = string.Concat(path.Trim('/').Select(c => char.IsLetterOrDigit(c) ? c : '-'));
        await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{who}-{(name.Length == 0 ? "home" : name)}-{width}.png"), FullPage = true });
    }

    /// <summary>Alpha's client with the most connected DIDs among those with ledger rows: the fullest detail page.</summary>
    private Task<Guid> ClientWithDidsAndLedgerAsync() => QueryAsync(db =>
        db.Clients.Where(c => db.LedgerEntries.Any(l => l.ClientId == c.Id) && db.Resellers.Any(r => r.Id == c.ResellerId && r.Slug == "alpha"))
            .OrderByDescending(c => db.Dids.Count(d => db.SubAccounts.Any(s => s.Id == d.SubAccountId && s.ClientId == c.Id)))
            .Select(c => c.Id).FirstAsync());

    private Task<Guid> FirstConnectedDidAsync() => QueryAsync(db =>
        db.Dids.Where(d => d.SubAccountId != null && db.Resellers.Any(r => r.Id == d.ResellerId && r.Slug == "alpha")).OrderBy(d => d.Number).Select(d => d.Id).FirstAsync());

    private async Task<string> FirstResellerPageAsync() =>
        $"/admin/resellers/{await QueryAsync(db => db.Resellers.OrderBy(r => r.Name).Select(r => r.Id).FirstAsync())}";

    private async Task<T> QueryAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var scope = Fixture.Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UsePlatform();
        return await query(db);
    }
}
