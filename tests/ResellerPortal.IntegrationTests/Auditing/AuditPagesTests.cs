using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Clients;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Auditing;

/// <summary>History and the audit trail in the product's words, filtered, paged by keyset and tenant-filtered (issue 15, item 7).</summary>
public sealed class AuditPagesTests(PostgresFixture postgres) : PortalTest(postgres)
{
    [Fact]
    public async Task History_shows_the_forms_labels_names_instead_of_ids_ISO_dates_and_money_with_its_currency()
    {
        var alpha = await ResellerIdAsync("alpha");
        var (eu, us) = (await OperatorIdAsync("EU"), await OperatorIdAsync("US"));
        var clientId = await AsPlatformAsync(async db =>
        {
            var client = Client.Create(alpha, eu, new ClientDetails("Audra", "Label", "", "1 Road", "Bristol", "", "GB", "BS1 1AA", "audra@labels.example", "+442079460000", null),
                "EUR", new DateOnly(2026, 12, 1), DateTimeOffset.UtcNow);
            db.Clients.Add(client);
            await db.SaveChangesAsync();
            client.ScheduleNextBilling(new DateOnly(2027, 1, 15));
            client.MoveToOperator(us);
            client.ManageBalance(BalanceManagement.Soft, 50m, null);
            await db.SaveChangesAsync();
            return client.Id;
        });
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var (_, clientPage) = await owner.GetPageAsync($"/clients/{clientId}");
        var (_, trail) = await owner.GetPageAsync($"/audit?type=Client&entityId={clientId}");

        foreach (var history in new[] { clientPage.QuerySelector("[data-history]")!, trail.QuerySelector("#audit")! })
        {
            var changed = history.QuerySelector("tr[data-audit-action=Modified]")!;
            Assert.Equal("Next billing date: 2026-12-01 → 2027-01-15", Line(changed, "NextBillingDate"));
            Assert.Equal("Operator: EU → US", Line(changed, "OperatorId"));
            Assert.Equal("Low-balance warning at: — → 50.00 EUR", Line(changed, "LowBalanceThreshold"));
            Assert.DoesNotContain("NextBillingDate", history.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain(eu.ToString(), history.TextContent, StringComparison.Ordinal);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$", changed.QuerySelector("[data-when]")!.TextContent.Trim());
            var created = history.QuerySelector("tr[data-audit-action=Added]")!;
            Assert.Equal("Country: United Kingdom", Line(created, "Country"));
            Assert.Equal("Phone number: +44 20 7946 0000", Line(created, "Phone"));
        }

        Assert.Equal("Audra Label", trail.QuerySelector("#audit [data-record-name]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_password_change_reads_as_changed_and_never_shows_the_hash()
    {
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>();
            var user = (await users.FindByEmailAsync(DemoSeeder.Reseller2Email))!;
            Assert.True((await users.ChangePasswordAsync(user, DemoSeeder.DefaultPassword, "Another-pass-9")).Succeeded);
        }

        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var (_, page) = await admin.GetPageAsync($"/audit?type=PortalUser&entityId={await UserIdAsync(DemoSeeder.Reseller2Email)}");

        var changed = page.QuerySelector("#audit tr[data-audit-action=Modified]")!;
        Assert.Equal("Password: changed", Line(changed, "PasswordHash"));
        Assert.Null(changed.QuerySelector("[data-field=SecurityStamp]"));
        Assert.DoesNotContain("AQAAAA", page.Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keyset_paging_returns_every_entry_exactly_once_across_pages_with_equal_times()
    {
        var alpha = await ResellerIdAsync("alpha");
        var record = Guid.NewGuid();
        var at = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        // 60 entries at one instant and 60 a second earlier: pages of 50 end inside a run of equal times.
        var written = await AddEntriesAsync(
            Enumerable.Range(0, 120).Select(i => (i < 60 ? at : at.AddSeconds(-1), (Guid?)alpha, "Client", record, "paging@test")));

        foreach (var email in new[] { DemoSeeder.Reseller1Email, DemoSeeder.SupportEmail })
        {
            using var reader = await SignedInAsync(email);
            var seen = new List<Guid>();
            var url = $"/audit?entityId={record}";
            var pages = 0;
            while (url is not null)
            {
                var (response, page) = await reader.GetPageAsync(url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                seen.AddRange(page.QuerySelectorAll("#audit tr[data-audit-id]").Select(r => Guid.Parse(r.GetAttribute("data-audit-id")!)));
                url = page.QuerySelector("a[data-older]")?.GetAttribute("href");
                Assert.True(++pages <= 3, "more pages than entries allow");
            }

            Assert.Equal(3, pages);
            Assert.Equal(written.Count, seen.Count);
            Assert.Equal(written.OrderBy(g => g), seen.OrderBy(g => g));
        }
    }

    [Fact]
    public async Task The_trail_filters_by_record_type_user_and_date_range()
    {
        var alpha = await ResellerIdAsync("alpha");
        var day = new DateTimeOffset(2025, 3, 11, 9, 30, 0, TimeSpan.Zero);
        var ids = await AddEntriesAsync(
        [
            (day.AddDays(-1), alpha, "Client", Guid.NewGuid(), "filter.one@test"),
            (day, alpha, "Client", Guid.NewGuid(), "filter.one@test"),
            (day.AddHours(14), alpha, "Package", Guid.NewGuid(), "filter.one@test"),   // 23:30 the same UTC day
            (day.AddDays(1), alpha, "Client", Guid.NewGuid(), "filter.one@test"),
            (day, alpha, "Client", Guid.NewGuid(), "filter.two@test"),
        ]);
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        Assert.Equal([ids[2], ids[1]], await IdsAsync(owner, "/audit?user=FILTER.ONE&from=2025-03-11&to=2025-03-11"));
        Assert.Equal([ids[1]], await IdsAsync(owner, "/audit?type=Client&user=filter.one&from=2025-03-11&to=2025-03-11"));
        Assert.Equal([ids[3], ids[1], ids[0]], await IdsAsync(owner, "/audit?type=Client&user=filter.one@"));
        Assert.Equal([ids[4]], await IdsAsync(owner, "/audit?user=filter.two&to=2025-03-11"));
        Assert.Empty(await IdsAsync(owner, "/audit?user=filter%25"));   // a % is a character, not a wildcard

        var (_, page) = await owner.GetPageAsync("/audit");
        var options = page.QuerySelectorAll("select#type option").Select(o => o.TextContent).ToList();
        Assert.Contains("Sub-account", options);
        Assert.Contains("DID", options);
    }

    [Fact]
    public async Task A_reseller_sees_only_its_own_entries_and_the_providers_staff_see_all()
    {
        var (alpha, beta) = (await ResellerIdAsync("alpha"), await ResellerIdAsync("beta"));
        var at = new DateTimeOffset(2025, 4, 1, 8, 0, 0, TimeSpan.Zero);
        var betaRecord = Guid.NewGuid();
        var ids = await AddEntriesAsync(
        [
            (at, alpha, "Client", Guid.NewGuid(), "tenancy@test"),
            (at, beta, "Client", betaRecord, "tenancy@test"),
            (at, null, "Reseller", Guid.NewGuid(), "tenancy@test"),
        ]);

        using var alphaOwner = await SignedInAsync(DemoSeeder.Reseller1Email);
        using var betaOwner = await SignedInAsync(DemoSeeder.Reseller2Email);
        Assert.Equal([ids[0]], await IdsAsync(alphaOwner, "/audit?user=tenancy"));
        Assert.Equal([ids[1]], await IdsAsync(betaOwner, "/audit?user=tenancy"));
        var (_, foreign) = await alphaOwner.GetPageAsync($"/audit?entityId={betaRecord}");
        Assert.Equal("This record has no recorded history.", foreign.QuerySelector("[data-empty]")!.TextContent);

        var export = await ExportAsync(alphaOwner, "/audit/export.json?user=tenancy");
        Assert.Equal([ids[0]], export.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));

        foreach (var email in new[] { DemoSeeder.SupportEmail, DemoSeeder.AdminEmail })
        {
            using var staff = await SignedInAsync(email);
            Assert.Equal(ids.OrderBy(g => g), (await IdsAsync(staff, "/audit?user=tenancy")).OrderBy(g => g));
            var all = await ExportAsync(staff, "/audit/export.json?user=tenancy");
            Assert.Equal(3, all.GetProperty("entries").GetArrayLength());
        }

        using var staffUser = await SignedInAsync(DemoSeeder.Staff1Email);
        var refused = await staffUser.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/access-denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_carries_the_changes_as_stored_and_continues_with_the_same_filters()
    {
        var alpha = await ResellerIdAsync("alpha");
        var record = Guid.NewGuid();
        var at = new DateTimeOffset(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);
        await AddEntriesAsync([(at, alpha, "Client", record, "export@test")]);
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var export = await ExportAsync(owner, $"/audit/export.json?entityId={record}");

        var entry = Assert.Single(export.GetProperty("entries").EnumerateArray());
        Assert.Equal(new[] { "Audra", "Zora" }, entry.GetProperty("changes").GetProperty("FirstName").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(JsonValueKind.Null, export.GetProperty("older").ValueKind);
    }

    [Fact]
    public async Task A_record_without_recorded_history_says_so()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var (_, page) = await owner.GetPageAsync($"/audit?entityId={Guid.NewGuid()}");

        Assert.Equal("This record has no recorded history.", page.QuerySelector("[data-empty]")!.TextContent);
        Assert.Null(page.QuerySelector("#audit"));
    }

    private static string Line(AngleSharp.Dom.IElement row, string field) =>
        string.Join(' ', row.QuerySelector($"[data-field={field}]")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static async Task<List<Guid>> IdsAsync(Browser browser, string url)
    {
        var (response, page) = await browser.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. page.QuerySelectorAll("#audit tr[data-audit-id]").Select(r => Guid.Parse(r.GetAttribute("data-audit-id")!))];
    }

    private static async Task<JsonElement> ExportAsync(Browser browser, string url)
    {
        var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>Writes trail entries as the interceptor would (a first name changed), at chosen times; returns their ids in order.</summary>
    private Task<List<Guid>> AddEntriesAsync(IEnumerable<(DateTimeOffset At, Guid? ResellerId, string Type, Guid EntityId, string Actor)> entries) =>
        AsPlatformAsync(async db =>
        {
            var rows = entries.Select(e => new AuditEntry(e.At, e.ResellerId, e.Type, e.EntityId, AuditAction.Modified,
                JsonSerializer.Serialize(new Dictionary<string, string?[]> { ["FirstName"] = ["Audra", "Zora"] }),
                new AuditActor(null, e.Actor, null, null, "192.0.2.1"))).ToList();
            db.AuditEntries.AddRange(rows);
            await db.SaveChangesAsync();
            return rows.Select(r => r.Id).ToList();
        });
}
