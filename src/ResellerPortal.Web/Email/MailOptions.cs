using MailKit.Security;

namespace ResellerPortal.Web.Email;

/// <summary>SMTP settings (section <c>Mail</c>). With <see cref="PickupDirectory"/> set, mail is written there instead of sent.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string From { get; set; } = "portal@localhost";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 25;

    /// <summary>
    /// How the connection is secured, by MailKit's names: <c>None</c>, <c>StartTls</c> (required),
    /// <c>StartTlsWhenAvailable</c>, <c>SslOnConnect</c> (port 465) or <c>Auto</c>. Unset, it follows
    /// <see cref="EnableSsl"/>.
    /// </summary>
    public SecureSocketOptions? Security { get; set; }

    /// <summary>The older switch, kept so that existing settings mean what they meant: STARTTLS required when true, plain SMTP when false.</summary>
    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The embedded default writes .eml files to this folder (see the admin Outbox page).</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>The limit for each step of the conversation (connect, each command, the data).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public int BatchSize { get; set; } = 20;

    public SecureSocketOptions EffectiveSecurity => Security ?? (EnableSsl ? SecureSocketOptions.StartTls : SecureSocketOptions.None);
}
