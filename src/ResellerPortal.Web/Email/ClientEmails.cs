using ResellerPortal.Domain.Email;

namespace ResellerPortal.Web.Email;

/// <summary>A template rendered for one recipient: the subject, the text and HTML bodies, and the reseller's sender name and reply-to.</summary>
public sealed record RenderedEmail(string Subject, string TextBody, string HtmlBody, string? SenderName, string? ReplyTo);

/// <summary>
/// The wording of a reseller's e-mails to its clients (§6). The default implementation has the
/// portal's default texts; the branding feature replaces it with one that reads each reseller's own
/// templates and falls back to these defaults.
/// </summary>
public interface IEmailTemplates
{
    Task<RenderedEmail> RenderAsync(Guid resellerId, EmailTemplateKind kind, TemplateValues values, CancellationToken ct);
}

/// <summary>The default texts, used when a reseller has not written its own.</summary>
public sealed class DefaultEmailTemplates : IEmailTemplates
{
    public static (string Subject, string Body) Default(EmailTemplateKind kind) => kind switch
    {
        EmailTemplateKind.LowBalance => (
            "Your balance is low",
            "Dear [firstname] [lastname],\n\nyour balance is [balance], below your warning threshold of [threshold]. Please top up your account to keep your services running.\n"),
        EmailTemplateKind.PasswordReset => (
            "Reset your password",
            "Dear [firstname] [lastname],\n\nsomeone asked to reset the password of your account. To choose a new password, open this link (it works once, for a limited time):\n\n[link]\n\nIf it was not you, ignore this e-mail; your password stays as it is.\n"),
        EmailTemplateKind.PasswordResetCompleted => (
            "Your password was changed",
            "Dear [firstname] [lastname],\n\nthe password of your account was just changed. If it was not you, reset it at once and contact us.\n"),
        EmailTemplateKind.SignupAwaitingActivation => (
            "Your sign-up is awaiting activation",
            "Dear [firstname] [lastname],\n\nthank you for signing up. Your account is waiting for activation; we will let you know as soon as it is active.\n"),
        EmailTemplateKind.ClientInvitation => (
            "Your account is ready",
            "Dear [firstname] [lastname],\n\nan account has been opened for you. To choose your password and sign in, open this link (it works once, for a limited time):\n\n[link]\n"),
    };

    public Task<RenderedEmail> RenderAsync(Guid resellerId, EmailTemplateKind kind, TemplateValues values, CancellationToken ct)
    {
        var (subject, body) = Default(kind);
        return Task.FromResult(Render(subject, body, values, senderName: null, replyTo: null));
    }

    /// <summary>Substitutes the variables as text into a subject and body (see <see cref="TemplateText"/>).</summary>
    public static RenderedEmail Render(string subject, string body, TemplateValues values, string? senderName, string? replyTo) =>
        new(
            TemplateText.Substitute(subject, values).ReplaceLineEndings(" "),
            TemplateText.Substitute(body, values),
            TemplateText.SubstituteHtml(body, values),
            senderName,
            replyTo);
}

/// <summary>Renders a reseller's template for a client and puts it in the outbox, in the caller's unit of work.</summary>
public sealed class ClientEmails(IEmailTemplates templates, EmailOutbox outbox)
{
    public async Task EnqueueAsync(Guid resellerId, EmailTemplateKind kind, string to, TemplateValues values, CancellationToken ct)
    {
        var email = await templates.RenderAsync(resellerId, kind, values, ct);
        outbox.Enqueue(resellerId, to, email.Subject, email.TextBody, email.HtmlBody, email.SenderName, email.ReplyTo);
    }
}
