using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Email;

namespace ResellerPortal.Web.Email;

/// <summary>Delivers one message over SMTP (System.Net.Mail), or into the pickup folder when configured.</summary>
public interface IMailTransport
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var mail = new MailMessage(settings.From, message.To, message.Subject, message.Body);
        mail.Headers.Add("X-Portal-Message-Id", message.Id.ToString());
        using var client = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = settings.EnableSsl,
            Timeout = settings.TimeoutSeconds * 1000,
        };
        if (!string.IsNullOrEmpty(settings.PickupDirectory))
        {
            Directory.CreateDirectory(settings.PickupDirectory);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = Path.GetFullPath(settings.PickupDirectory);
        }
        else if (!string.IsNullOrEmpty(settings.UserName))
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }

        await client.SendMailAsync(mail, cancellationToken);
    }
}
