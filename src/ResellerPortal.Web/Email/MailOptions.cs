namespace ResellerPortal.Web.Email;

/// <summary>SMTP settings (section <c>Mail</c>). With <see cref="PickupDirectory"/> set, mail is written there instead of sent.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string From { get; set; } = "portal@localhost";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 25;

    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The embedded default writes .eml files to this folder (see the admin Outbox page).</summary>
    public string? PickupDirectory { get; set; }

    public int TimeoutSeconds { get; set; } = 30;

    public int BatchSize { get; set; } = 20;
}
