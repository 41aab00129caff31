using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Branding;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Branding;

/// <summary>The name the reseller's e-mails to clients come from, and the address replies go to.</summary>
public sealed class SenderForm
{
    public string? SenderName { get; set; }

    public string? ReplyTo { get; set; }
}

public sealed class SenderFormValidator : AbstractValidator<SenderForm>
{
    public SenderFormValidator()
    {
        RuleFor(x => x.SenderName).MaximumLength(BrandSettings.SenderNameMaxLength)
            .Must(n => n is null || !n.Any(char.IsControl)).WithMessage("The name is one line of text.");
        RuleFor(x => x.ReplyTo).Cascade(CascadeMode.Stop)
            .MaximumLength(BrandSettings.EmailMaxLength).WithMessage($"An email address has at most {BrandSettings.EmailMaxLength} characters.")
            .EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.ReplyTo)).WithMessage("Enter an email address such as support@example.com, or leave it empty.")
            .Must(r => r is null || MimeKit.MailboxAddress.TryParse(r.Trim(), out _)).WithMessage("Enter an email address such as support@example.com, or leave it empty.");
    }
}

/// <summary>Saves the sender of the reseller's e-mails (kept with its brand settings, made with the defaults when there are none yet).</summary>
public sealed class SaveSender(PortalDbContext db, IValidator<SenderForm> validator, TimeProvider clock)
{
    public static async Task<SenderForm> LoadAsync(PortalDbContext db, CancellationToken ct)
    {
        var settings = await db.BrandSettings.AsNoTracking().Select(b => new { b.SenderName, b.ReplyTo }).SingleOrDefaultAsync(ct);
        return new SenderForm { SenderName = settings?.SenderName, ReplyTo = settings?.ReplyTo };
    }

    public async Task<Result<Done>> HandleAsync(SenderForm form, CancellationToken ct)
    {
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        var settings = await db.BrandSettings.SingleOrDefaultAsync(ct);
        if (settings is null)
        {
            var resellerId = db.Tenant.ResellerId ?? throw new InvalidOperationException("The sender is set by a reseller's admin.");
            settings = new BrandSettings(resellerId, await db.Resellers.Where(r => r.Id == resellerId).Select(r => r.Name).SingleAsync(ct), now);
            db.BrandSettings.Add(settings);
        }

        settings.SetSender(form.SenderName, form.ReplyTo, now);
        await db.SaveChangesAsync(ct);
        return Result.Done;
    }
}
