using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Email;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Tests.Shared;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Email;

namespace ResellerPortal.IntegrationTests.Email;

/// <summary>The outbox against a real SMTP conversation on loopback.</summary>
public sealed class OutboxDispatchTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private readonly SmtpSink _smtp = new();
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public override async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Queued_message_is_delivered_over_SMTP_once()
    {
        var id = await EnqueueAsync("client@example.com", "Low balance", "Your balance is 4.00 EUR.");

        var first = await DispatchAsync();
        var second = await DispatchAsync();

        Assert.Equal(new DispatchResult(1, 0), first);
        Assert.Equal(new DispatchResult(0, 0), second);
        var mail = Assert.Single(_smtp.Received);
        Assert.Equal(["<client@example.com>"], mail.To);
        Assert.Contains("Subject: Low balance", mail.Data, StringComparison.Ordinal);
        Assert.Contains("Your balance is 4.00 EUR.", mail.Data, StringComparison.Ordinal);
        var stored = await LoadAsync(id);
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        Assert.Equal(_clock.GetUtcNow(), stored.SentAt);
    }

    [Fact]
    public async Task Refused_message_is_retried_after_the_backoff_and_then_delivered()
    {
        var id = await EnqueueAsync("owner@example.com", "Certificate expires", "Renew it.");
        _smtp.RejectMail = true;

        Assert.Equal(new DispatchResult(0, 1), await DispatchAsync());
        var failed = await LoadAsync(id);
        Assert.Equal(OutboxStatus.Pending, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(_clock.GetUtcNow().AddSeconds(30), failed.NextAttemptAt);
        Assert.NotNull(failed.LastError);

        _smtp.RejectMail = false;
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(new DispatchResult(0, 0), await DispatchAsync());

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new DispatchResult(1, 0), await DispatchAsync());
        Assert.Single(_smtp.Received);
        Assert.Equal(OutboxStatus.Sent, (await LoadAsync(id)).Status);
    }

    [Fact]
    public async Task Outbox_page_shows_queued_mail_to_the_platform_admin()
    {
        await EnqueueAsync("someone@example.com", "Welcome aboard", "Hello.");
        using var admin = await SignedInAsync(Web.DemoData.DemoSeeder.AdminEmail);

        var (response, page) = await admin.GetPageAsync("/admin/outbox");

        response.EnsureSuccessStatusCode();
        var row = Assert.Single(page.QuerySelectorAll("tr[data-message]"));
        Assert.Equal("Pending", row.GetAttribute("data-status"));
        Assert.Contains("Welcome aboard", row.TextContent, StringComparison.Ordinal);
    }

    private async Task<Guid> EnqueueAsync(string to, string subject, string body)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UsePlatform();
        var message = new OutboxMessage(null, to, subject, body, _clock.GetUtcNow());
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    private async Task<DispatchResult> DispatchAsync()
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UsePlatform();
        var transport = new SmtpMailTransport(Options.Create(new MailOptions { Host = "127.0.0.1", Port = _smtp.Port, From = "portal@test.local", TimeoutSeconds = 10 }));
        var dispatcher = new OutboxDispatcher(db, transport, _clock, NullLogger<OutboxDispatcher>.Instance);
        return await dispatcher.DispatchDueAsync(20, CancellationToken.None);
    }

    private async Task<OutboxMessage> LoadAsync(Guid id)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }
}
