using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Features.Clients;

namespace ResellerPortal.IntegrationTests.Clients;

public sealed class ClientListTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private async Task<string> NewClientAsync(Browser owner, string email, string? threshold, string? payment)
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("FirstName", "Thea"), new("LastName", "Threshold"), new("Email", email), new("Country", "GB"), new("Currency", "EUR"),
            new("NextBillingDate", "2026-12-01"), new("BalanceManagement", "Soft"), new("OperatorId", (await OperatorIdAsync("EU")).ToString()),
            new("LowBalanceThreshold", threshold ?? string.Empty),
        ];
        var created = await owner.SubmitAsync("/clients/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        if (payment is not null)
        {
            var paid = await owner.SubmitAsync(url, [new("Transaction.Kind", "Payment"), new("Transaction.Amount", payment), new("Transaction.Description", "Top-up"), new("Transaction.SubmissionId", Guid.NewGuid().ToString())], url + "/transactions");
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        }

        return url["/clients/".Length..];
    }

    [Fact]
    public async Task The_below_threshold_filter_lists_only_clients_whose_balance_is_under_their_threshold()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var below = await NewClientAsync(owner, "below@threshold.example", "50", "20");
        var empty = await NewClientAsync(owner, "empty@threshold.example", "10", null);
        var above = await NewClientAsync(owner, "above@threshold.example", "50", "100");
        var exactly = await NewClientAsync(owner, "exactly@threshold.example", "50", "50");
        var none = await NewClientAsync(owner, "none@threshold.example", null, null);

        var (_, mine) = await owner.GetPageAsync("/clients?balance=below-threshold&q=threshold.example");
        Assert.Equal(
            new[] { below, empty }.Order().ToList(),
            mine.QuerySelectorAll("[data-client]").Select(r => r.GetAttribute("data-client")!).Order().ToList());
        Assert.NotNull(mine.QuerySelector("[data-active-filter=balance]"));
        Assert.Equal("below-threshold", mine.QuerySelector("input[type=hidden][name=balance]")!.GetAttribute("value"));
        Assert.DoesNotContain(above, mine.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(exactly, mine.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(none, mine.Body!.InnerHtml, StringComparison.Ordinal);

        // Without the search, the filter lists what the dashboard counts, and the dashboard links to it.
        var (_, dashboard) = await owner.GetPageAsync("/dashboard");
        var card = dashboard.QuerySelector("[data-total=below-threshold]")!;
        Assert.Equal("/clients?balance=below-threshold", card.GetAttribute("href"));
        var (_, all) = await owner.GetPageAsync(card.GetAttribute("href")!);
        Assert.Equal($"of {card.QuerySelector(".display-6")!.TextContent.Trim()}", all.QuerySelector("[data-totals]")!.TextContent.Split(' ', 2)[1]);
        var (_, unfiltered) = await owner.GetPageAsync("/clients?q=threshold.example");
        Assert.Null(unfiltered.QuerySelector("[data-active-filter=balance]"));
        Assert.Equal(5, unfiltered.QuerySelectorAll("[data-client]").Length);
    }

    [Fact]
    public async Task The_list_says_which_rows_of_how_many_it_shows()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var total = await AsPlatformAsync(db => db.Clients.CountAsync(c => c.ResellerId == db.Resellers.Single(r => r.Slug == "alpha").Id));
        Assert.True(total > 50, "the demo reseller has more than one page of clients");

        var (_, first) = await owner.GetPageAsync("/clients");
        Assert.Equal($"1–50 of {total}", first.QuerySelector("[data-totals]")!.TextContent);
        var (_, second) = await owner.GetPageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal($"51–{Math.Min(100, total)} of {total}", second.QuerySelector("[data-totals]")!.TextContent);
        var (_, back) = await owner.GetPageAsync(second.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal($"1–50 of {total}", back.QuerySelector("[data-totals]")!.TextContent);
        var (_, none) = await owner.GetPageAsync("/clients?q=no-such-client-anywhere");
        Assert.Equal("No clients", none.QuerySelector("[data-totals]")!.TextContent);
    }

    [Fact]
    public async Task A_search_with_more_matches_than_are_counted_says_more_than_and_numbers_its_pages_from_the_cursor()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        await CopyAlphaClientAsync("bulkcopy", 1, ClientList.CountLimit + 1);

        var (_, first) = await owner.GetPageAsync("/clients?q=bulkcopy");
        Assert.Equal($"1–50 of more than {ClientList.CountLimit}", first.QuerySelector("[data-totals]")!.TextContent);
        var (_, second) = await owner.GetPageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal($"51–100 of more than {ClientList.CountLimit}", second.QuerySelector("[data-totals]")!.TextContent);
        var (_, third) = await owner.GetPageAsync(second.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal($"101–150 of more than {ClientList.CountLimit}", third.QuerySelector("[data-totals]")!.TextContent);
        var (_, back) = await owner.GetPageAsync(third.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal($"51–100 of more than {ClientList.CountLimit}", back.QuerySelector("[data-totals]")!.TextContent);
        Assert.Equal(
            second.QuerySelectorAll("[data-client]").Select(r => r.GetAttribute("data-client")).ToArray(),
            back.QuerySelectorAll("[data-client]").Select(r => r.GetAttribute("data-client")).ToArray());
    }

    /// <summary>Copies of one of Alpha's clients (every stored column but the generated ones), numbered <paramref name="from"/> to <paramref name="to"/>, each with an e-mail that a search for <paramref name="prefix"/> finds.</summary>
    private async Task CopyAlphaClientAsync(string prefix, int from, int to)
    {
        var model = await AsPlatformAsync(db => db.Clients.Where(c => c.ResellerId == db.Resellers.Single(r => r.Slug == "alpha").Id).Select(c => c.Id).FirstAsync());
        var copies = $$"""
            DO $do$ DECLARE cols text; BEGIN
                SELECT string_agg(quote_ident(column_name), ',') INTO cols FROM information_schema.columns
                WHERE table_name = 'Clients' AND is_generated = 'NEVER' AND column_name NOT IN ('Id', 'Email');
                EXECUTE format('INSERT INTO "Clients" ("Id", "Email", %s) SELECT gen_random_uuid(), ''{{prefix}}'' || g || ''@example.com'', %s
                    FROM "Clients", generate_series({{from}}, {{to}}) g WHERE "Id" = %L', cols, cols, '{{model}}');
            END $do$
            """;
        await AsPlatformAsync(db => db.Database.ExecuteSqlRawAsync(copies));
    }

    [Fact]
    public async Task A_later_page_keeps_the_first_pages_total_and_counts_again_when_its_rows_contradict_it()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        await CopyAlphaClientAsync("carried-a", 1, 120);

        // By e-mail, the clients added later ("carried-b…") come after every page already seen.
        var (_, first) = await owner.GetPageAsync("/clients?q=carried&sort=email");
        Assert.Equal("1–50 of 120", first.QuerySelector("[data-totals]")!.TextContent);
        await CopyAlphaClientAsync("carried-b", 121, 130);

        // The second page says the total the first page counted, though ten more clients match by now...
        var (_, second) = await owner.GetPageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal("51–100 of 120", second.QuerySelector("[data-totals]")!.TextContent);
        // ...until a page ends past it: the last page counts again, and the pages from it carry the new total.
        var (_, third) = await owner.GetPageAsync(second.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal("101–130 of 130", third.QuerySelector("[data-totals]")!.TextContent);
        Assert.Null(third.QuerySelector("a[rel=next]"));
        var (_, back) = await owner.GetPageAsync(third.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal("51–100 of 130", back.QuerySelector("[data-totals]")!.TextContent);

        // Five clients of the last page removed since: it ends before the carried total, and counts again.
        var removed = third.QuerySelectorAll("[data-client]").Take(5).Select(r => Guid.Parse(r.GetAttribute("data-client")!)).ToList();
        await AsPlatformAsync(db => db.Clients.Where(c => removed.Contains(c.Id)).ExecuteDeleteAsync());
        var (_, shorter) = await owner.GetPageAsync(back.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal("101–125 of 125", shorter.QuerySelector("[data-totals]")!.TextContent);
    }

    [Fact]
    public async Task The_operator_column_appears_when_the_user_sees_several_operators()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        using var beta = await SignedInAsync(DemoSeeder.Reseller2Email);
        var eu = await OperatorIdAsync("EU");
        var (euClient, operatorCount) = await AsPlatformAsync(async db => (
            await db.Clients.Where(c => c.OperatorId == eu).OrderBy(c => c.Email).Select(c => c.Email).FirstAsync(),
            await db.Operators.CountAsync(o => o.ResellerId == db.Resellers.Single(r => r.Slug == "beta").Id)));

        var (_, page) = await owner.GetPageAsync("/clients?q=" + Uri.EscapeDataString(euClient));
        Assert.Equal("EU", page.QuerySelector("[data-client] [data-operator]")!.TextContent);

        var (_, betaPage) = await beta.GetPageAsync("/clients");
        Assert.Equal(operatorCount > 1, betaPage.QuerySelector("[data-operator]") is not null);
    }
}
