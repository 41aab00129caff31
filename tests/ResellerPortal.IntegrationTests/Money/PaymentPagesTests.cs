using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Money;

/// <summary>Basket items, payments, refunds, statements and the duplicate guard through the real pages.</summary>
public sealed class PaymentPagesTests(PostgresFixture postgres) : MoneyTest(postgres)
{
    private static KeyValuePair<string, string>[] Payment(string reference, string amount, string type = "Cash", params Guid[] items) =>
        [new("Type", type), new("Reference", reference), new("Amount", amount), new("Date", "2026-11-20"), .. items.Select(i => new KeyValuePair<string, string>("ItemIds", i.ToString()))];

    private static string Message(string html, string field) =>
        Browser.Parse(html).QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? string.Empty;

    [Fact]
    public async Task A_basket_item_is_added_edited_while_unpaid_and_its_item_id_is_unique()
    {
        var id = await NewClientAsync("basket@pay.example");
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        KeyValuePair<string, string>[] fields = [new("ItemId", "B-1"), new("ItemType", "Hardware"), new("Product", "Phone"), new("Price", "49.90"), new("DueDate", "2026-12-10"), new("HiddenUntilDue", "true")];

        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync($"/clients/{id}/basket/new", fields)).StatusCode);
        var again = await owner.SubmitAsync($"/clients/{id}/basket/new", fields);
        Assert.Equal("Another basket item already has this item id.", Message(await again.Content.ReadAsStringAsync(), "ItemId"));
        var tooPrecise = await owner.SubmitAsync($"/clients/{id}/basket/new", [.. fields.Where(f => f.Key is not "ItemId" and not "Price"), new("ItemId", "B-2"), new("Price", "1.001")]);
        Assert.Contains("decimals", Message(await tooPrecise.Content.ReadAsStringAsync(), "Price"), StringComparison.Ordinal);

        var itemId = await AsPlatformAsync(db => db.BasketItems.Where(b => b.ItemId == "B-1").Select(b => b.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync($"/baskets/{itemId}/edit", [.. fields.Where(f => f.Key != "Price"), new("Price", "45.00")])).StatusCode);
        var (_, list) = await owner.GetPageAsync($"/baskets?client={id}&hidden=yes&status=unpaid&from=2026-12-01&to=2026-12-31");
        var row = Assert.Single(list.QuerySelectorAll("[data-basket-item]"));
        Assert.Contains("45.00 EUR", row.TextContent, StringComparison.Ordinal);
        var (_, none) = await owner.GetPageAsync($"/baskets?client={id}&hidden=no&from=not-a-date");
        Assert.Empty(none.QuerySelectorAll("[data-basket-item]"));

        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync($"/clients/{id}", [], $"/baskets/{itemId}/cancel")).StatusCode);
        Assert.Equal(BasketItemStatus.Cancelled, await AsPlatformAsync(db => db.BasketItems.Where(b => b.Id == itemId).Select(b => b.Status).SingleAsync()));
        var edit = await owner.SubmitAsync($"/clients/{id}", [.. fields], $"/baskets/{itemId}/edit");
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Contains("A cancelled item cannot be edited.", await edit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payment_settles_the_items_ticked_and_keeps_the_rest_as_credit()
    {
        var id = await NewClientAsync("settle@pay.example");
        var a = await NewBasketItemAsync(id, "S-A", 20m);
        var b = await NewBasketItemAsync(id, "S-B", 15.50m);
        var c = await NewBasketItemAsync(id, "S-C", 99m);
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var (_, form) = await owner.GetPageAsync($"/clients/{id}/payments/new");
        Assert.Equal(3, form.QuerySelectorAll("input[type=checkbox][name=ItemIds]").Length);

        var over = await owner.SubmitAsync($"/clients/{id}/payments/new", Payment("SET-1", "50.00", "Card", a, b, c));
        Assert.Contains("134.50 EUR, more than the payment's 50.00 EUR", Message(await over.Content.ReadAsStringAsync(), "ItemIds"), StringComparison.Ordinal);

        var paid = await owner.SubmitAsync($"/clients/{id}/payments/new", Payment("SET-1", "50.00", "Card", a, b));

        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var (_, details) = await owner.GetPageAsync(paid.Headers.Location!.OriginalString);
        Assert.Equal(2, details.QuerySelectorAll("#payment-items [data-basket-item]").Length);
        Assert.Equal("35.50 EUR", details.QuerySelector("[data-allocated]")!.TextContent.Trim());
        var statuses = await AsPlatformAsync(db => db.BasketItems.Where(i => i.ClientId == id).OrderBy(i => i.ItemId).Select(i => i.Status).ToListAsync());
        Assert.Equal([BasketItemStatus.Paid, BasketItemStatus.Paid, BasketItemStatus.Unpaid], statuses);
        var row = await AsPlatformAsync(db => db.LedgerEntries.SingleAsync(l => l.ClientId == id));
        Assert.Equal((LedgerKind.Payment, 50m, DemoSeeder.Reseller1Email), (row.Kind, row.Amount, row.ActorName));
        Assert.NotNull(row.PaymentId);
        Assert.StartsWith("payment:", row.Key, StringComparison.Ordinal);
        Assert.Equal(50m, (await ClientAsync(id)).Balance);
    }

    [Fact]
    public async Task A_duplicate_payment_id_is_refused_naming_the_existing_payment()
    {
        var first = await NewClientAsync("dup1@pay.example");
        var second = await NewClientAsync("dup2@pay.example");
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync($"/clients/{first}/payments/new", Payment("P-123", "50.00"))).StatusCode);

        var again = await owner.SubmitAsync($"/clients/{second}/payments/new", Payment(" P-123 ", "10.00"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("This payment id is already used: P-123 of 2026-11-20, 50.00 EUR, Mona Ledger.", Message(await again.Content.ReadAsStringAsync(), "Reference"));
        Assert.Equal(0m, (await ClientAsync(second)).Balance);
    }

    [Fact]
    public async Task The_same_amount_and_type_within_a_week_asks_before_saving_and_saves_when_confirmed()
    {
        var id = await NewClientAsync("twice@pay.example");
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync($"/clients/{id}/payments/new", Payment("TW-1", "25.00"))).StatusCode);

        var asked = await owner.SubmitAsync($"/clients/{id}/payments/new", Payment("TW-2", "25.00"));
        var page = Browser.Parse(await asked.Content.ReadAsStringAsync());
        Assert.StartsWith("This looks like a duplicate of payment TW-1", page.QuerySelector("[data-valmsg-for=ConfirmDuplicate]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("input[type=checkbox][name=ConfirmDuplicate]"));
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync($"/clients/{id}/payments/new", Payment("TW-3", "25.00", "Card"))).StatusCode);

        var confirmed = await owner.SubmitAsync($"/clients/{id}/payments/new", [.. Payment("TW-2", "25.00"), new("ConfirmDuplicate", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(75m, (await ClientAsync(id)).Balance);
    }

    [Fact]
    public async Task A_manual_charge_like_one_of_the_last_week_asks_before_saving()
    {
        var id = await NewClientAsync("manual@pay.example");
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        KeyValuePair<string, string>[] Charge(params KeyValuePair<string, string>[] extra) =>
            [new KeyValuePair<string, string>("Transaction.Kind", "Charge"), new("Transaction.Amount", "9.99"), new("Transaction.Description", "Call bundle"), new("Transaction.SubmissionId", Guid.NewGuid().ToString()), .. extra];
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync($"/clients/{id}", Charge(), $"/clients/{id}/transactions")).StatusCode);

        var asked = await owner.SubmitAsync($"/clients/{id}", Charge(), $"/clients/{id}/transactions");
        Assert.StartsWith("This looks like a duplicate of the charge of 9.99 EUR \"Call bundle\"", Message(await asked.Content.ReadAsStringAsync(), "Transaction.ConfirmDuplicate"), StringComparison.Ordinal);
        Assert.Equal(-9.99m, (await ClientAsync(id)).Balance);

        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync($"/clients/{id}", Charge(new KeyValuePair<string, string>("Transaction.ConfirmDuplicate", "true")), $"/clients/{id}/transactions")).StatusCode);
        Assert.Equal(-19.98m, (await ClientAsync(id)).Balance);
    }

    [Fact]
    public async Task Two_concurrent_refunds_that_together_exceed_the_payment_one_is_refused_beside_the_amount()
    {
        var id = await NewClientAsync("refund@pay.example");
        using var one = await SignedInAsync(DemoSeeder.Reseller1Email);
        using var two = await SignedInAsync(DemoSeeder.Reseller1Email);
        var paid = await one.SubmitAsync($"/clients/{id}/payments/new", Payment("RF-1", "50.00"));
        var url = paid.Headers.Location!.OriginalString + "/refunds/new";
        var (_, formOne) = await one.GetPageAsync(url);
        var (_, formTwo) = await two.GetPageAsync(url);
        string Field(AngleSharp.Html.Dom.IHtmlDocument page, string name) => page.QuerySelector($"input[name={name}]")!.GetAttribute("value")!;

        var responses = await Task.WhenAll(
            one.PostAsync(url, [new("Amount", "30.00"), new("SubmissionId", Field(formOne, "SubmissionId"))], Field(formOne, "__RequestVerificationToken")),
            two.PostAsync(url, [new("Amount", "30.00"), new("SubmissionId", Field(formTwo, "SubmissionId"))], Field(formTwo, "__RequestVerificationToken")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var refused = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal("At most 20.00 EUR of this payment is left to refund.", Message(await refused.Content.ReadAsStringAsync(), "Amount"));
        Assert.Equal(20m, (await ClientAsync(id)).Balance);
        Assert.Equal(HttpStatusCode.Redirect, (await one.SubmitAsync(url, [new("Amount", "20.00")])).StatusCode);
        var full = await one.SubmitAsync(url, [new("Amount", "0.01")]);
        Assert.Equal("This payment has been refunded in full.", Message(await full.Content.ReadAsStringAsync(), "Amount"));
    }

    [Fact]
    public async Task A_statement_has_the_opening_balance_each_row_with_its_running_balance_and_the_closing_balance()
    {
        var id = await NewClientAsync("statement@pay.example");
        await PostAsync(id, LedgerKind.Payment, 100m);
        await PostAsync(id, LedgerKind.Charge, 12.5m);
        var month = DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var (_, client) = await owner.GetPageAsync($"/clients/{id}");
        Assert.Contains(client.QuerySelectorAll("#statement-months a"), a => a.GetAttribute("href") == $"/clients/{id}/statements/{month}");
        var (response, page) = await owner.GetPageAsync($"/clients/{id}/statements/{month}");

        response.EnsureSuccessStatusCode();
        Assert.Equal(0m, decimal.Parse(page.QuerySelector("[data-opening]")!.GetAttribute("data-opening")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["100.00", "87.50"], page.QuerySelectorAll("[data-running-balance]").Select(c => c.TextContent.Trim()));
        Assert.Equal(87.5m, decimal.Parse(page.QuerySelector("[data-closing]")!.GetAttribute("data-closing")!, System.Globalization.CultureInfo.InvariantCulture));
        var next = DateTime.UtcNow.AddMonths(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var (_, later) = await owner.GetPageAsync($"/clients/{id}/statements/{next}");
        Assert.StartsWith("87.5", later.QuerySelector("[data-opening]")!.GetAttribute("data-opening"), StringComparison.Ordinal);
        Assert.Empty(later.QuerySelectorAll("[data-running-balance]"));

        var csv = await owner.GetAsync($"/clients/{id}/statements/{month}.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.EndsWith(",Closing,Closing balance,,87.50,EUR", lines[4], StringComparison.Ordinal);

        foreach (var bad in new[] { "2026-13", "2026-00", "0000-01", "9999-12", "2026-1", "26-11", "abc" })
        {
            Assert.Equal((bad, HttpStatusCode.NotFound), (bad, (await owner.GetAsync($"/clients/{id}/statements/{bad}")).StatusCode));
            Assert.Equal((bad, HttpStatusCode.NotFound), (bad, (await owner.GetAsync($"/clients/{id}/statements/{bad}.csv")).StatusCode));
        }
    }

    [Fact]
    public async Task Another_reseller_s_and_another_operator_s_money_pages_are_404()
    {
        var eu = await NewClientAsync("scope-eu@pay.example");
        var us = await NewClientAsync("scope-us@pay.example", operatorName: "US");
        var item = await NewBasketItemAsync(us, "SC-1", 5m);
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var paid = await owner.SubmitAsync($"/clients/{us}/payments/new", Payment("SC-P", "5.00", "Cash", item));
        var payment = paid.Headers.Location!.OriginalString;
        var month = DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var item2 = await NewBasketItemAsync(us, "SC-2", 5m);
        string[] pages =
        [
            $"/clients/{us}/basket/new", $"/baskets/{item2}/edit", $"/clients/{us}/payments/new", payment, payment + "/refunds/new",
            $"/clients/{us}/statements/{month}", $"/clients/{us}/statements/{month}.csv",
        ];

        using var beta = await SignedInAsync(DemoSeeder.Reseller2Email);
        using var staff = await SignedInAsync(DemoSeeder.Staff1Email);
        foreach (var browser in new[] { beta, staff })
        {
            foreach (var url in pages)
            {
                Assert.Equal((url, HttpStatusCode.NotFound), (url, (await browser.GetAsync(url)).StatusCode));
            }
        }

        var (_, betaPayments) = await beta.GetPageAsync("/payments");
        Assert.Empty(betaPayments.QuerySelectorAll("[data-payment='SC-P']"));
        var (_, staffBaskets) = await staff.GetPageAsync("/baskets");
        Assert.Empty(staffBaskets.QuerySelectorAll("[data-basket-item='SC-2']"));

        // Posts with a valid token from the user's own client page are 404 too.
        foreach (var (url, fields) in new (string, KeyValuePair<string, string>[])[]
                 {
                     ($"/clients/{us}/payments/new", Payment("SC-X", "1.00")),
                     (payment + "/refunds/new", [new("Amount", "1.00")]),
                     ($"/baskets/{item2}/cancel", []),
                     ($"/clients/{us}/basket/new", [new("ItemId", "SC-X"), new("ItemType", "X"), new("Product", "X"), new("Price", "1"), new("DueDate", "2026-12-01")]),
                 })
        {
            Assert.Equal((url, HttpStatusCode.NotFound), (url, (await staff.SubmitAsync($"/clients/{eu}", fields, url)).StatusCode));
        }

        Assert.Equal(5m, (await ClientAsync(us)).Balance);
        Assert.Equal(BasketItemStatus.Unpaid, await AsPlatformAsync(db => db.BasketItems.Where(b => b.Id == item2).Select(b => b.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_client_s_currency_cannot_change_once_it_has_a_transaction()
    {
        var id = await NewClientAsync("currency@pay.example");
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var (_, edit) = await owner.GetPageAsync($"/clients/{id}/edit");
        var fields = edit.QuerySelectorAll("form input[name], form select[name]")
            .Where(e => e.GetAttribute("name") != "__RequestVerificationToken" && (e.GetAttribute("type") != "checkbox" || e.HasAttribute("checked")))
            .Select(e => new KeyValuePair<string, string>(e.GetAttribute("name")!, e.GetAttribute("name") == "Currency" ? "USD"
                : e.LocalName == "select" ? (e.QuerySelector("option[selected]") ?? e.QuerySelector("option"))!.GetAttribute("value") ?? string.Empty
                : e.GetAttribute("value") ?? string.Empty))
            .ToList();
        await PostAsync(id, LedgerKind.Charge, 1m);

        var refused = await owner.SubmitAsync($"/clients/{id}/edit", fields);

        Assert.Equal("The client has transactions in EUR; the currency cannot change any more.", Message(await refused.Content.ReadAsStringAsync(), "Currency"));
        Assert.Equal("EUR", (await ClientAsync(id)).Currency);
    }
}
