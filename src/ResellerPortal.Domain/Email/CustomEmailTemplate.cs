using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain.Email;

/// <summary>
/// A reseller's own wording of one of its e-mails to clients (§6). Without one the default text applies;
/// "reset to default" deletes it. Both parts are plain text with the variables of <see cref="TemplateText"/>.
/// </summary>
public sealed class CustomEmailTemplate : ITenantOwned, IAudited
{
    private CustomEmailTemplate()
    {
        Subject = string.Empty;
        Body = string.Empty;
    }

    public CustomEmailTemplate(Guid resellerId, EmailTemplateKind kind, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        ResellerId = resellerId;
        Kind = kind;
        Subject = string.Empty;
        Body = string.Empty;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid ResellerId { get; private set; }

    public EmailTemplateKind Kind { get; private set; }

    public string Subject { get; private set; }

    public string Body { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public void Reword(string subject, string body, DateTimeOffset now)
    {
        var s = subject.Trim();
        if (s.Length is 0 or > TemplateText.SubjectMaxLength || s.Contains('\n', StringComparison.Ordinal) || s.Contains('\r', StringComparison.Ordinal))
        {
            throw new RuleViolationException(nameof(Subject), $"Enter a subject of at most {TemplateText.SubjectMaxLength} characters on one line.");
        }

        var b = body.ReplaceLineEndings("\n");
        if (b.Trim().Length == 0 || b.Length > TemplateText.BodyMaxLength)
        {
            throw new RuleViolationException(nameof(Body), $"Enter a body of at most {TemplateText.BodyMaxLength} characters.");
        }

        Subject = s;
        Body = b;
        UpdatedAt = now;
    }
}
