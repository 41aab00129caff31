using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Email;
using ResellerPortal.Web.Branding;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Email;

/// <summary>
/// A reseller's own wording of its e-mails (<c>/branding/emails</c>), or the default text where it has none,
/// from its sender name (the reseller's name unless it chose another) with its reply-to. Names the reseller
/// explicitly: e-mails are also rendered where no tenant is set (the client portal's sign-up and reset).
/// </summary>
public sealed class StoredEmailTemplates(PortalDbContext db) : IEmailTemplates
{
    public async Task<RenderedEmail> RenderAsync(Guid resellerId, EmailTemplateKind kind, TemplateValues values, CancellationToken ct)
    {
        var (subject, body) = await WordingAsync(resellerId, kind, ct);
        var settings = await StoredClientBrands.SettingsAsync(db, resellerId, ct);
        var senderName = settings?.SenderName
            ?? await db.Resellers.AsNoTracking().Where(r => r.Id == resellerId).Select(r => r.Name).SingleOrDefaultAsync(ct);
        return DefaultEmailTemplates.Render(subject, body, values, senderName, settings?.ReplyTo);
    }

    /// <summary>The subject and body the reseller wrote for this kind, or the default ones.</summary>
    public async Task<(string Subject, string Body)> WordingAsync(Guid resellerId, EmailTemplateKind kind, CancellationToken ct)
    {
        var own = await db.EmailTemplates.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AsNoTracking()
            .Where(t => t.ResellerId == resellerId && t.Kind == kind).Select(t => new { t.Subject, t.Body }).SingleOrDefaultAsync(ct);
        return own is null ? DefaultEmailTemplates.Default(kind) : (own.Subject, own.Body);
    }
}
