using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
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
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

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

    public static TheoryData<string> Failures => new() { "451 transient", "550 permanent", "dropped connection" };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Server_failure_is_recorded_and_retried_after_the_backoff(string failure)
    {
        var id = await EnqueueAsync("owner@example.com", "Invoice", "Attached.");
        switch (failure)
        {
            case "451 transient":
                _smtp.RejectMail = true;
                break;
            case "550 permanent":
                _smtp.MailFromReply = "550 5.7.1 Relaying denied";
                break;
            default:
                _smtp.DropOnMail = true;
                break;
        }

        // Every failure is retried: the outbox gives up only after its eighth attempt, not on the first 5xx.
        Assert.Equal(new DispatchResult(0, 1), await DispatchAsync());
        var failed = await LoadAsync(id);
        Assert.Equal(OutboxStatus.Pending, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(_clock.GetUtcNow().AddSeconds(30), failed.NextAttemptAt);
        Assert.False(string.IsNullOrWhiteSpace(failed.LastError));
        if (failure == "550 permanent")
        {
            Assert.Contains("Relaying denied", failed.LastError, StringComparison.Ordinal);
        }

        (_smtp.RejectMail, _smtp.MailFromReply, _smtp.DropOnMail) = (false, null, false);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(new DispatchResult(1, 0), await DispatchAsync());
        Assert.Single(_smtp.Received);
        Assert.Equal(OutboxStatus.Sent, (await LoadAsync(id)).Status);
    }

    [Fact]
    public async Task Required_STARTTLS_that_the_server_does_not_offer_is_a_failure_not_a_plain_text_send()
    {
        var id = await EnqueueAsync("owner@example.com", "Password reset", "Secret link.");

        var result = await DispatchAsync(o => o.Security = MailKit.Security.SecureSocketOptions.StartTls);

        Assert.Equal(new DispatchResult(0, 1), result);
        Assert.Empty(_smtp.Received);
        Assert.Contains("STARTTLS", (await LoadAsync(id)).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_older_EnableSsl_switch_still_means_STARTTLS_required()
    {
        await EnqueueAsync("owner@example.com", "Password reset", "Secret link.");

        Assert.Equal(new DispatchResult(0, 1), await DispatchAsync(o => o.EnableSsl = true));
        Assert.Empty(_smtp.Received);
    }

    [Fact]
    public async Task Configured_credentials_are_sent_and_wrong_ones_are_a_retried_failure()
    {
        _smtp.Credentials = ("mailer", "s3cret");
        var id = await EnqueueAsync("client@example.com", "Hello", "Body.");

        Assert.Equal(new DispatchResult(0, 1), await DispatchAsync(o => (o.UserName, o.Password) = ("mailer", "wrong")));
        Assert.Equal(OutboxStatus.Pending, (await LoadAsync(id)).Status);

        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(new DispatchResult(1, 0), await DispatchAsync(o => (o.UserName, o.Password) = ("mailer", "s3cret")));
        Assert.Equal(["mailer"], _smtp.Authenticated);
        Assert.Single(_smtp.Received);
    }

    [Fact]
    public async Task Message_carries_its_headers_and_text_and_non_ASCII_survives()
    {
        var id = await EnqueueAsync("client@example.com", "Rechnung für März", "Guthaben: 4,00 € — danke.");

        Assert.Equal(new DispatchResult(1, 0), await DispatchAsync());

        var mail = Assert.Single(_smtp.Received);
        Assert.Equal("<portal@test.local>", mail.From);
        using var parsed = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)));
        Assert.Equal("Rechnung für März", parsed.Subject);
        Assert.Equal("Guthaben: 4,00 € — danke.", parsed.TextBody?.TrimEnd());
        Assert.Equal(id.ToString(), parsed.Headers[SmtpMailTransport.MessageIdHeader]);
        Assert.Equal("client@example.com", Assert.Single(parsed.To.Mailboxes).Address);
        Assert.False(string.IsNullOrEmpty(parsed.MessageId));
    }

    [Fact]
    public async Task Pickup_folder_gets_one_eml_file_per_message_and_nothing_is_sent()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rp-pickup-" + Guid.NewGuid().ToString("N"));
        try
        {
            var id = await EnqueueAsync("client@example.com", "Welcome", "Hello there.");

            Assert.Equal(new DispatchResult(1, 0), await DispatchAsync(o => o.PickupDirectory = folder));

            Assert.Empty(_smtp.Received);
            Assert.Equal(0, _smtp.Connections);
            var file = Assert.Single(Directory.GetFiles(folder));
            Assert.Equal($"{id}.eml", Path.GetFileName(file));
            using var parsed = await MimeKit.MimeMessage.LoadAsync(file);
            Assert.Equal("Welcome", parsed.Subject);
            Assert.Equal("Hello there.", parsed.TextBody?.TrimEnd());
            Assert.Equal(id.ToString(), parsed.Headers[SmtpMailTransport.MessageIdHeader]);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Outbox_page_shows_queued_mail_to_the_platform_admin()
    {
        await EnqueueAsync("someone@example.com", "Welcome aboard", "Hello.");
        using var admin = await SignedInAsync(Web.DemoData.DemoSeeder.AdminEmail);

        var (response, page) = await admin.GetPageAsync("/admin/outbox");

        response.EnsureSuccessStatusCode();
        // The demo seed's own mail (sent) may be listed too; the one queued here is the one pending row.
        var row = Assert.Single(page.QuerySelectorAll("tr[data-message]"), r => r.GetAttribute("data-status") == "Pending");
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

    private async Task<DispatchResult> DispatchAsync(Action<MailOptions>? configure = null)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UsePlatform();
        var options = new MailOptions { Host = "127.0.0.1", Port = _smtp.Port, From = "portal@test.local", TimeoutSeconds = 10 };
        configure?.Invoke(options);
        var transport = new SmtpMailTransport(Options.Create(options));
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
