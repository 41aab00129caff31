using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Email;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Email;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Branding;

/// <summary>The wording of one e-mail to clients (§6), as edited on <c>/branding/emails</c>.</summary>
public sealed class EmailTemplateForm
{
    public string? Subject { get; set; }

    public string? Body { get; set; }
}

public sealed class EmailTemplateFormValidator : AbstractValidator<EmailTemplateForm>
{
    public EmailTemplateFormValidator()
    {
        RuleFor(x => x.Subject).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the e-mail's subject.")
            .MaximumLength(TemplateText.SubjectMaxLength)
            .Must(s => !s!.Contains('\n', StringComparison.Ordinal) && !s.Contains('\r', StringComparison.Ordinal)).WithMessage("The subject is one line.");
        RuleFor(x => x.Body).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the e-mail's text.")
            .MaximumLength(TemplateText.BodyMaxLength);
    }
}

/// <summary>One template on the page: its kind, wording (own or default), and the sample rendering.</summary>
public sealed record EmailTemplateView(EmailTemplateKind Kind, string Label, bool IsOwn, EmailTemplateForm Form, RenderedEmail Sample, IReadOnlyList<string> Variables, bool Previewed = false);

/// <summary>The e-mails page: every template, and the sender the reseller's e-mails come from.</summary>
public sealed record EmailTemplatesPage(IReadOnlyList<EmailTemplateView> Templates, SenderForm Sender, EmailTemplateKind? Edited);

/// <summary>
/// Shows, saves and resets a reseller's e-mail templates. The preview renders with a sample client through
/// the same substitution as the real e-mail (variables as text; the HTML form encoded).
/// </summary>
public sealed class EditEmailTemplate(PortalDbContext db, IValidator<EmailTemplateForm> validator, IEmailTemplates templates, TimeProvider clock)
{
    public static readonly TemplateValues Sample = new("Jane", "Doe", "4.50 EUR", "10.00 EUR", "https://portal.example.com/c/your-portal/reset?token=sample");

    public static string Label(EmailTemplateKind kind) => kind switch
    {
        EmailTemplateKind.LowBalance => "Low balance",
        EmailTemplateKind.PasswordReset => "Password reset",
        EmailTemplateKind.PasswordResetCompleted => "Password reset completed",
        EmailTemplateKind.SignupAwaitingActivation => "Sign-up awaiting activation",
        EmailTemplateKind.ClientInvitation => "Client invitation",
    };

    /// <summary>The variables a template of this kind may use: the four, and the link where the e-mail has one.</summary>
    public static IReadOnlyList<string> VariablesOf(EmailTemplateKind kind) => kind switch
    {
        EmailTemplateKind.PasswordReset or EmailTemplateKind.ClientInvitation => TemplateText.Variables,
        EmailTemplateKind.LowBalance or EmailTemplateKind.PasswordResetCompleted or EmailTemplateKind.SignupAwaitingActivation =>
            [.. TemplateText.Variables.Where(v => v != "[link]")],
    };

    public async Task<EmailTemplatesPage> PageAsync(EmailTemplateKind? edited, EmailTemplateForm? typed, SenderForm? sender, CancellationToken ct)
    {
        var resellerId = ResellerId();
        var own = await db.EmailTemplates.AsNoTracking().ToDictionaryAsync(t => t.Kind, ct);
        var views = new List<EmailTemplateView>();
        foreach (var kind in Enum.GetValues<EmailTemplateKind>())
        {
            var (subject, body) = own.TryGetValue(kind, out var t) ? (t.Subject, t.Body) : DefaultEmailTemplates.Default(kind);
            var form = kind == edited && typed is not null ? typed : new EmailTemplateForm { Subject = subject, Body = body };
            var sample = await templates.RenderAsync(resellerId, kind, Sample, ct);
            views.Add(new EmailTemplateView(kind, Label(kind), own.ContainsKey(kind), form, sample, VariablesOf(kind)));
        }

        return new EmailTemplatesPage(views, sender ?? await SaveSender.LoadAsync(db, ct), edited);
    }

    /// <summary>A rendering of the typed (unsaved) wording with the sample client.</summary>
    public static RenderedEmail Preview(EmailTemplateForm form, string? senderName, string? replyTo) =>
        DefaultEmailTemplates.Render(form.Subject ?? string.Empty, (form.Body ?? string.Empty).ReplaceLineEndings("\n"), Sample, senderName, replyTo);

    public async Task<Result<Done>> SaveAsync(EmailTemplateKind kind, EmailTemplateForm form, CancellationToken ct)
    {
        if (!Enum.IsDefined(kind))
        {
            return Result.NotFound;
        }

        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        var template = await db.EmailTemplates.SingleOrDefaultAsync(t => t.Kind == kind, ct);
        if (template is null)
        {
            template = new CustomEmailTemplate(ResellerId(), kind, now);
            db.EmailTemplates.Add(template);
        }

        template.Reword(form.Subject!, form.Body!, now);
        await db.SaveChangesAsync(ct);
        return Result.Done;
    }

    /// <summary>"Reset to default": the reseller's own wording is deleted, so the default text applies again.</summary>
    public async Task<Result<Done>> ResetAsync(EmailTemplateKind kind, CancellationToken ct)
    {
        if (!Enum.IsDefined(kind))
        {
            return Result.NotFound;
        }

        if (await db.EmailTemplates.SingleOrDefaultAsync(t => t.Kind == kind, ct) is { } template)
        {
            db.EmailTemplates.Remove(template);
            await db.SaveChangesAsync(ct);
        }

        return Result.Done;
    }

    public static string Anchor(EmailTemplateKind kind) => "template-" + kind.ToString().ToLower(CultureInfo.InvariantCulture);

    private Guid ResellerId() => db.Tenant.ResellerId ?? throw new InvalidOperationException("E-mail templates are edited by a reseller's admin.");
}
