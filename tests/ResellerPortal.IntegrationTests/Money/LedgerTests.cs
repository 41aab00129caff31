using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Tests.Shared;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Email;

namespace ResellerPortal.IntegrationTests.Money;

/// <summary>The ledger base (issue 11 items 1 and 6): the balance column, HARD suspension and re-activation, the low-balance e-mail.</summary>
public sealed class LedgerTests(PostgresFixture postgres) : MoneyTest(postgres)
{
    private readonly SmtpSink _smtp = new();

    public override async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Fifty_parallel_payments_and_charges_on_one_client_give_the_exact_balance()
    {
        var id = await NewClientAsync("fifty@ledger.example");
        var posts = Enumerable.Range(1, 50).Select(i => (Kind: i % 2 == 0 ? LedgerKind.Payment : LedgerKind.Charge, Amount: i + (i % 7) / 100m)).ToList();

        var results = await Task.WhenAll(posts.Select(p => Task.Run(() => PostAsync(id, p.Kind, p.Amount))));

        Assert.All(results, Assert.True);
        var expected = posts.Sum(p => p.Kind == LedgerKind.Payment ? p.Amount : -p.Amount);
        Assert.Equal(expected, (await ClientAsync(id)).Balance);
        Assert.Equal(expected, await LedgerSumAsync(id));
        Assert.Equal(50, await AsPlatformAsync(db => db.LedgerEntries.CountAsync(l => l.ClientId == id)));
    }

    [Fact]
    public async Task Inserts_of_many_rows_for_many_clients_in_one_statement_keep_each_column_equal_to_its_sum()
    {
        // As recurring billing inserts: one statement, several clients, several rows each; and statements over the
        // same clients in opposite orders at once (the per-statement trigger locks its clients in id order).
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await NewClientAsync($"statement{i}@ledger.example"));
        }

        var reseller = (await ClientAsync(ids[0])).ResellerId;
        async Task InsertAsync(IReadOnlyList<Guid> clients, decimal amount)
        {
            var rows = clients.SelectMany(c => new[] { c, c, c }).ToArray();
            var rowIds = rows.Select(_ => Guid.NewGuid()).ToArray();
            var resellers = rows.Select(_ => reseller).ToArray();
            var amounts = rows.Select((_, n) => -(amount + n)).ToArray();
            var keys = rows.Select(_ => "test:" + Guid.NewGuid().ToString("N")).ToArray();
            await AsPlatformAsync(db => db.Database.ExecuteSqlAsync($"""
                INSERT INTO "LedgerEntries" ("Id", "ResellerId", "ClientId", "Kind", "Amount", "Currency", "Description", "Key", "At", "ActorName")
                SELECT u.id, u.reseller, u.client, 'Charge', u.amount, 'EUR', 'Statement', u.key, now(), 'test'
                FROM unnest({rowIds}, {resellers}, {rows}, {amounts}, {keys}) AS u(id, reseller, client, amount, key)
                """));
        }

        var forward = ids.ToList();
        var backward = Enumerable.Reverse(ids).ToList();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(n => Task.Run(() => InsertAsync(n % 2 == 0 ? forward : backward, n + 0.01m))));

        foreach (var id in ids)
        {
            var balance = (await ClientAsync(id)).Balance;
            Assert.Equal(await LedgerSumAsync(id), balance);
            Assert.True(balance < 0m);
        }
    }

    [Fact]
    public async Task A_row_with_a_natural_key_already_posted_changes_nothing()
    {
        var id = await NewClientAsync("key@ledger.example");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => PostAsync(id, LedgerKind.Charge, 5m, key: "package-fee:test:2026-12"))));

        Assert.Single(results, r => r);
        Assert.Equal(-5m, (await ClientAsync(id)).Balance);
    }

    [Fact]
    public async Task Mixed_writes_through_forms_and_the_ledger_keep_the_column_equal_to_the_sum()
    {
        var id = await NewClientAsync("mixed@ledger.example");
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var item = await NewBasketItemAsync(id, "MIX-1", 12.34m);

        await PostAsync(id, LedgerKind.Charge, 40m);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await owner.SubmitAsync($"/clients/{id}", [new("Transaction.Kind", "Adjustment"), new("Transaction.Amount", "-1.11"), new("Transaction.Description", "Goodwill"), new("Transaction.SubmissionId", Guid.NewGuid().ToString())], $"/clients/{id}/transactions")).StatusCode);
        var paid = await owner.SubmitAsync($"/clients/{id}/payments/new", [new("Type", "Cash"), new("Reference", "MIX-P"), new("Amount", "30.00"), new("Date", "2026-11-20"), new("ItemIds", item.ToString())]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, paid.StatusCode);
        var paymentUrl = paid.Headers.Location!.OriginalString;
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await owner.SubmitAsync(paymentUrl + "/refunds/new", [new("Amount", "7.50"), new("Reason", "Part")])).StatusCode);

        var client = await ClientAsync(id);
        Assert.Equal(-40m - 1.11m + 30m - 7.50m, client.Balance);
        Assert.Equal(client.Balance, await LedgerSumAsync(id));
    }

    [Fact]
    public async Task A_HARD_client_is_suspended_by_the_system_at_zero_and_reactivated_by_a_payment()
    {
        var id = await NewClientAsync("hard@ledger.example", BalanceManagement.Hard);
        await PostAsync(id, LedgerKind.Payment, 10m);

        await PostAsync(id, LedgerKind.Charge, 10m);

        var suspended = await ClientAsync(id);
        Assert.Equal((ClientStatus.Suspended, true, 0m), (suspended.Status, suspended.SuspendedBySystem, suspended.Balance));
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var (_, page) = await owner.GetPageAsync($"/clients/{id}");
        Assert.NotNull(page.QuerySelector("[data-suspended-by-system]"));
        Assert.Equal("0.00 EUR", page.QuerySelector("[data-balance]")!.TextContent.Trim());

        var paid = await owner.SubmitAsync($"/clients/{id}/payments/new", [new("Type", "BankTransfer"), new("Reference", "HARD-1"), new("Amount", "0.01"), new("Date", "2026-11-20")]);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, paid.StatusCode);
        var active = await ClientAsync(id);
        Assert.Equal((ClientStatus.Active, false, 0.01m), (active.Status, active.SuspendedBySystem, active.Balance));
    }

    [Fact]
    public async Task A_HARD_client_a_person_suspended_stays_suspended_after_a_payment()
    {
        var id = await NewClientAsync("person@ledger.example", BalanceManagement.Hard);
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await owner.SubmitAsync($"/clients/{id}", [], $"/clients/{id}/suspend")).StatusCode);

        await PostAsync(id, LedgerKind.Payment, 100m);

        Assert.Equal((ClientStatus.Suspended, false), ((await ClientAsync(id)).Status, (await ClientAsync(id)).SuspendedBySystem));
    }

    [Fact]
    public async Task One_low_balance_email_goes_per_crossing_even_under_concurrent_posts()
    {
        var id = await NewClientAsync("low@ledger.example", threshold: 20m);
        await PostAsync(id, LedgerKind.Payment, 100m);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => PostAsync(id, LedgerKind.Charge, 10m))));

        Assert.Equal(1, await WarningsQueuedAsync());
        await PostAsync(id, LedgerKind.Payment, 50m);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostAsync(id, LedgerKind.Charge, 10m))));
        Assert.Equal(2, await WarningsQueuedAsync());

        Assert.Equal(new DispatchResult(2, 0), await DispatchAsync());
        Assert.Equal(2, _smtp.Received.Count);
        Assert.All(_smtp.Received, mail => Assert.Equal(["<warn-low@ledger.example>"], mail.To));
        using var parsed = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(_smtp.Received.First().Data)));
        Assert.Equal("Your balance is low", parsed.Subject);
        Assert.Contains("below your warning threshold of 20.00 EUR", parsed.TextBody, StringComparison.Ordinal);
    }

    private Task<int> WarningsQueuedAsync() =>
        AsPlatformAsync(db => db.OutboxMessages.CountAsync(m => m.To == "warn-low@ledger.example"));

    private async Task<DispatchResult> DispatchAsync()
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UsePlatform();
        var transport = new SmtpMailTransport(Options.Create(new MailOptions { Host = "127.0.0.1", Port = _smtp.Port, From = "portal@test.local", TimeoutSeconds = 10 }));
        var dispatcher = new OutboxDispatcher(db, transport, Portal.Clock, NullLogger<OutboxDispatcher>.Instance);
        return await dispatcher.DispatchDueAsync(20, CancellationToken.None);
    }
}
