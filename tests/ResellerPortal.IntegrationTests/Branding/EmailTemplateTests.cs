using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Email;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Tests.Shared;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Email;

namespace ResellerPortal.IntegrationTests.Branding;

/// <summary>The e-mail templates page (issue 12, item 7) and what its wording makes of a real message at a real SMTP server.</summary>
public sealed class EmailTemplateTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private readonly SmtpSink _smtp = new();

    private static readonly TemplateValues Client = new("<b>Jane</b>", "Doe", "4.50 EUR", "10.00 EUR");

    public override async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_saved_template_substitutes_the_variables_evaluates_nothing_else_and_reaches_smtp_from_the_reseller()
    {
        var alpha = await ResellerIdAsync("alpha");
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var saved = await owner.SubmitAsync("/branding/emails",
            [new("Subject", "Low: [firstname] {{7*7}}"), new("Body", "Hi [firstname] [LASTNAME],\n<script>alert(1)</script> @(1+1) ${x}\nBalance [balance], threshold [threshold].")],
            "/branding/emails/LowBalance");
        var sender = await owner.SubmitAsync("/branding/emails", [new("Sender.SenderName", "Alpha Billing"), new("Sender.ReplyTo", "billing@alpha.example")], "/branding/emails/sender");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, sender.StatusCode);
        await EnqueueAsync(alpha, EmailTemplateKind.LowBalance, "jane@client.example");
        await DispatchAsync();

        var mail = Assert.Single(_smtp.Received);
        using var parsed = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)));
        Assert.Equal("Low: <b>Jane</b> {{7*7}}", parsed.Subject);
        var from = Assert.Single(parsed.From.Mailboxes);
        Assert.Equal(("Alpha Billing", "portal@test.local"), (from.Name, from.Address));
        Assert.Equal("billing@alpha.example", Assert.Single(parsed.ReplyTo.Mailboxes).Address);
        Assert.Equal("Hi <b>Jane</b> Doe,\n<script>alert(1)</script> @(1+1) ${x}\nBalance 4.50 EUR, threshold 10.00 EUR.", parsed.TextBody?.ReplaceLineEndings("\n").TrimEnd());
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; @(1+1) ${x}", parsed.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Hi &lt;b&gt;Jane&lt;/b&gt; Doe,<br>", parsed.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", parsed.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", parsed.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_its_own_wording_a_reseller_sends_the_default_text_under_its_own_name()
    {
        var beta = await ResellerIdAsync("beta");

        await EnqueueAsync(beta, EmailTemplateKind.PasswordResetCompleted, "joe@client.example");
        await DispatchAsync();

        using var parsed = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Assert.Single(_smtp.Received).Data)));
        Assert.Equal(DefaultEmailTemplates.Default(EmailTemplateKind.PasswordResetCompleted).Subject, parsed.Subject);
        Assert.Equal("Beta Voice", Assert.Single(parsed.From.Mailboxes).Name);
        Assert.Empty(parsed.ReplyTo);
    }

    [Fact]
    public async Task Preview_renders_the_typed_wording_with_the_sample_client_and_saves_nothing()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller2Email);

        var response = await owner.SubmitAsync("/branding/emails",
            [new("Subject", "Reset for [firstname]"), new("Body", "Open [link] <i>now</i>")], "/branding/emails/PasswordReset/preview");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        var sample = page.QuerySelector("[data-template='PasswordReset'] [data-sample]")!;
        Assert.Equal("Reset for Jane", sample.QuerySelector("[data-sample-subject]")?.TextContent);
        Assert.StartsWith("Open https://", sample.QuerySelector("[data-sample-text]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("&lt;i&gt;now&lt;/i&gt;", sample.QuerySelector("[data-sample-html]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await AsPlatformAsync(db => db.EmailTemplates.CountAsync()));
    }

    [Fact]
    public async Task Reset_to_default_brings_back_the_default_text()
    {
        var beta = await ResellerIdAsync("beta");
        using var owner = await SignedInAsync(DemoSeeder.Reseller2Email);
        await owner.SubmitAsync("/branding/emails", [new("Subject", "Our own"), new("Body", "Our own text.")], "/branding/emails/ClientInvitation");
        Assert.Equal("Our own", (await RenderAsync(beta, EmailTemplateKind.ClientInvitation)).Subject);

        var reset = await owner.SubmitAsync("/branding/emails", [], "/branding/emails/ClientInvitation/reset");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(DefaultEmailTemplates.Default(EmailTemplateKind.ClientInvitation).Subject, (await RenderAsync(beta, EmailTemplateKind.ClientInvitation)).Subject);
    }

    [Theory]
    [InlineData("Subject", "", "Enter the e-mail's subject.")]
    [InlineData("Subject", "Two\nlines", "The subject is one line.")]
    [InlineData("Body", "", "Enter the e-mail's text.")]
    public async Task A_template_without_a_subject_or_text_is_refused_beside_the_field(string field, string value, string message)
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller2Email);
        var fields = new Dictionary<string, string> { ["Subject"] = "Fine", ["Body"] = "Fine." };
        fields[field] = value;

        var response = await owner.SubmitAsync("/branding/emails", fields, "/branding/emails/LowBalance");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(message, page.QuerySelector($"[data-template='LowBalance'] [data-valmsg-for='{field}']")?.TextContent);
        Assert.Equal(0, await AsPlatformAsync(db => db.EmailTemplates.CountAsync()));
    }

    [Fact]
    public async Task A_subject_longer_than_the_limit_and_a_reply_to_that_is_not_an_address_are_refused()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller2Email);

        var longSubject = await owner.SubmitAsync("/branding/emails", [new("Subject", new string('x', TemplateText.SubjectMaxLength + 1)), new("Body", "b")], "/branding/emails/LowBalance");
        var badReplyTo = await owner.SubmitAsync("/branding/emails", [new("Sender.SenderName", "Beta"), new("Sender.ReplyTo", "not an address\r\nBcc: x@y.z")], "/branding/emails/sender");

        Assert.Equal(HttpStatusCode.OK, longSubject.StatusCode);
        Assert.Equal(HttpStatusCode.OK, badReplyTo.StatusCode);
        var page = Browser.Parse(await badReplyTo.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(page.QuerySelector("[data-valmsg-for='Sender.ReplyTo']")?.TextContent));
        Assert.Equal(0, await AsPlatformAsync(db => db.EmailTemplates.CountAsync()));
        Assert.False(await AsPlatformAsync(db => db.BrandSettings.AnyAsync(b => b.ReplyTo != null && b.ReplyTo.Contains("not"))));
    }

    [Fact]
    public async Task A_reseller_s_wording_is_its_own()
    {
        var beta = await ResellerIdAsync("beta");
        using var alphaOwner = await SignedInAsync(DemoSeeder.Reseller1Email);
        await alphaOwner.SubmitAsync("/branding/emails", [new("Subject", "Alpha only"), new("Body", "Alpha.")], "/branding/emails/LowBalance");

        Assert.Equal(DefaultEmailTemplates.Default(EmailTemplateKind.LowBalance).Subject, (await RenderAsync(beta, EmailTemplateKind.LowBalance)).Subject);
        using var betaOwner = await SignedInAsync(DemoSeeder.Reseller2Email);
        var (_, page) = await betaOwner.GetPageAsync("/branding/emails");
        Assert.DoesNotContain("Alpha only", page.Body!.TextContent, StringComparison.Ordinal);
    }

    private async Task<RenderedEmail> RenderAsync(Guid resellerId, EmailTemplateKind kind)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IEmailTemplates>().RenderAsync(resellerId, kind, Client, CancellationToken.None);
    }

    /// <summary>
    /// As a job or the client portal does: the reseller's tenant, the real ClientEmails, one save. The outbox is
    /// emptied first: mail the demo seed queued (a demo client's low-balance warning) is not this test's.
    /// </summary>
    private async Task EnqueueAsync(Guid resellerId, EmailTemplateKind kind, string to)
    {
        await using (var clearing = Portal.Services.CreateAsyncScope())
        {
            var platform = clearing.ServiceProvider.GetRequiredService<PortalDbContext>();
            platform.Tenant.UsePlatform();
            await platform.OutboxMessages.ExecuteDeleteAsync();
        }

        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UseReseller(resellerId);
        await scope.ServiceProvider.GetRequiredService<ClientEmails>().EnqueueAsync(resellerId, kind, to, Client, CancellationToken.None);
        await db.SaveChangesAsync();
    }

    private async Task DispatchAsync()
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UsePlatform();
        var options = new MailOptions { Host = "127.0.0.1", Port = _smtp.Port, From = "portal@test.local", TimeoutSeconds = 10 };
        var dispatcher = new OutboxDispatcher(db, new SmtpMailTransport(Options.Create(options)), Portal.Clock, NullLogger<OutboxDispatcher>.Instance);
        Assert.Equal(new DispatchResult(1, 0), await dispatcher.DispatchDueAsync(20, CancellationToken.None));
    }
}
