using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using ResellerPortal.Domain.Email;

namespace ResellerPortal.Web.Email;

/// <summary>Delivers one message over SMTP (MailKit), or into the pickup folder when configured.</summary>
public interface IMailTransport
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// One connection per message: the outbox sends a handful at a time, and a fresh connection means a
/// server that dropped the previous one costs nothing. Any failure (refused command, dropped connection,
/// timeout, TLS or authentication refused) is an exception, which the outbox records and retries.
/// </summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public const string MessageIdHeader = "X-Portal-Message-Id";

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var mail = Compose(settings, message);
        if (!string.IsNullOrEmpty(settings.PickupDirectory))
        {
            await WriteToPickupAsync(settings.PickupDirectory, message.Id, mail, cancellationToken);
            return;
        }

        using var client = new SmtpClient { Timeout = checked(settings.TimeoutSeconds * 1000) };
        await client.ConnectAsync(settings.Host, settings.Port, settings.EffectiveSecurity, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    public static MimeMessage Compose(MailOptions settings, OutboxMessage message)
    {
        var text = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = message.Body };
        var mail = new MimeMessage
        {
            Subject = message.Subject,
            Body = message.HtmlBody is null
                ? text
                : new MultipartAlternative { text, new TextPart(MimeKit.Text.TextFormat.Html) { Text = message.HtmlBody } },
        };
        // The address stays the portal's own (the one its mail server may send as); the name shown is the reseller's.
        var from = MailboxAddress.Parse(settings.From);
        if (!string.IsNullOrWhiteSpace(message.SenderName))
        {
            from.Name = message.SenderName;
        }

        mail.From.Add(from);
        if (message.ReplyTo is not null && MailboxAddress.TryParse(message.ReplyTo, out var replyTo))
        {
            mail.ReplyTo.Add(replyTo);
        }

        mail.To.Add(MailboxAddress.Parse(message.To));
        mail.Headers.Add(MessageIdHeader, message.Id.ToString());
        return mail;
    }

    /// <summary>
    /// MailKit has no pickup folder, so the message is written as an .eml file named by its outbox id:
    /// a message sent twice (the outbox delivers at least once) replaces its file instead of adding one,
    /// and the file appears whole (written beside it, then renamed).
    /// </summary>
    private static async Task WriteToPickupAsync(string directory, Guid id, MimeMessage mail, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(directory);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{id}.eml");
        var partial = path + ".partial";
        await using (var file = File.Create(partial))
        {
            await mail.WriteToAsync(file, cancellationToken);
        }

        File.Move(partial, path, overwrite: true);
    }
}
