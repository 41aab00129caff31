using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Reports;

/// <summary>The financial report over ledger rows the test writes for a reseller of its own (and another one's, never shown).</summary>
public sealed class FinancialReportTests(PostgresFixture postgres) : PortalTest(postgres)
{
    [Fact]
    public async Task The_report_sums_charges_payments_and_refunds_per_month_and_currency_of_its_own_reseller_only()
    {
        var now = Portal.Clock.GetUtcNow();
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 12, 0, 0, TimeSpan.Zero);
        var lastMonth = thisMonth.AddMonths(-1);
        var (mine, email) = await ResellerWithAdminAsync("fin-mine");
        var (other, _) = await ResellerWithAdminAsync("fin-other");
        var eur = await ClientAsync(mine, "EUR", "a");
        var gbp = await ClientAsync(mine, "GBP", "b");
        var foreign = await ClientAsync(other, "EUR", "c");
        await PostAsync(mine, eur, LedgerKind.Charge, 40.10m, "EUR", lastMonth);
        await PostAsync(mine, eur, LedgerKind.Payment, 100m, "EUR", lastMonth.AddDays(3));
        await PostAsync(mine, eur, LedgerKind.Refund, 15.05m, "EUR", lastMonth.AddDays(5));
        await PostAsync(mine, eur, LedgerKind.Charge, 9.90m, "EUR", thisMonth);
        await PostAsync(mine, eur, LedgerKind.Adjustment, 3m, "EUR", thisMonth);
        await PostAsync(mine, gbp, LedgerKind.Charge, 7m, "GBP", thisMonth);
        await PostAsync(other, foreign, LedgerKind.Charge, 999m, "EUR", thisMonth);

        using var admin = await SignedInAsync(email);
        var (response, page) = await admin.GetPageAsync("/reports/financial");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        string Cell(string currency, DateTimeOffset month, string column) =>
            page.QuerySelector($"[data-financial-table={currency}] tr[data-month='{month:yyyy-MM}'] [data-{column}]")!.GetAttribute($"data-{column}")!;
        Assert.Equal(40.10m, decimal.Parse(Cell("EUR", lastMonth, "charges"), CultureInfo.InvariantCulture));
        Assert.Equal(100m, decimal.Parse(Cell("EUR", lastMonth, "payments"), CultureInfo.InvariantCulture));
        Assert.Equal(15.05m, decimal.Parse(Cell("EUR", lastMonth, "refunds"), CultureInfo.InvariantCulture));
        Assert.Equal(0m, decimal.Parse(Cell("EUR", lastMonth, "cost"), CultureInfo.InvariantCulture));
        Assert.Equal(40.10m, decimal.Parse(Cell("EUR", lastMonth, "margin"), CultureInfo.InvariantCulture));
        // The other reseller's 999 is not in this reseller's month; adjustments are not sales.
        Assert.Equal(9.90m, decimal.Parse(Cell("EUR", thisMonth, "charges"), CultureInfo.InvariantCulture));
        Assert.Equal(7m, decimal.Parse(Cell("GBP", thisMonth, "charges"), CultureInfo.InvariantCulture));
        Assert.NotNull(page.QuerySelector("canvas[data-financial-chart=EUR]"));
        Assert.NotNull(page.QuerySelector("script[type='application/json'][data-financial-data=GBP]"));
        Assert.NotNull(page.QuerySelector("[data-cost-note]"));

        var csv = await (await admin.GetAsync("/reports/financial.csv")).Content.ReadAsStringAsync();
        Assert.Contains(FormattableString.Invariant($"EUR,{lastMonth:yyyy-MM},40.10,100.00,15.05,0.00,40.10"), csv, StringComparison.Ordinal);
        Assert.DoesNotContain("999", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_is_for_the_resellers_staff_only()
    {
        foreach (var email in new[] { DemoSeeder.AdminEmail, DemoSeeder.SupportEmail })
        {
            using var other = await SignedInAsync(email);
            Assert.False((await other.GetAsync("/reports/financial")).IsSuccessStatusCode, email);
        }

        using var staff = await SignedInAsync(DemoSeeder.Staff1Email);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/reports/financial")).StatusCode);
    }

    private async Task<(Guid ResellerId, string AdminEmail)> ResellerWithAdminAsync(string slug)
    {
        var reseller = await AsPlatformAsync(async db => await new ResellerBuilder(slug).SaveAsync(db));
        var email = $"owner@{slug}.example.com";
        await using var scope = Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ResellerPortal.Web.Data.PortalUser>>();
        var user = new ResellerPortal.Web.Data.PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Owner " + slug, ResellerId = reseller.Id };
        Assert.True((await users.CreateAsync(user, DemoSeeder.DefaultPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.ResellerAdmin)).Succeeded);
        return (reseller.Id, email);
    }

    private Task<Guid> ClientAsync(Guid resellerId, string currency, string name) => AsPlatformAsync(async db =>
    {
        var now = Portal.Clock.GetUtcNow();
        var op = new Operator(resellerId, "Op " + name + resellerId.ToString("N")[..6], $"{name}-{resellerId.ToString("N")[..8]}.fin.example.com", now);
        db.Operators.Add(op);
        var client = Client.Create(resellerId, op.Id, new ClientDetails("Fin", name, "", "", "", "", "GB", "", $"{name}-{resellerId:N}@fin.example.com", "", null), currency, DateOnly.FromDateTime(now.UtcDateTime).AddMonths(1), now);
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return client.Id;
    });

    private Task<bool> PostAsync(Guid resellerId, Guid clientId, LedgerKind kind, decimal amount, string currency, DateTimeOffset at) => AsPlatformAsync(async db =>
    {
        db.LedgerEntries.Add(LedgerEntry.Record(resellerId, clientId, kind, amount, currency, kind.ToString(), "test:" + Guid.NewGuid().ToString("N"), at, AuditActor.System("test")));
        await db.SaveChangesAsync();
        return true;
    });
}
