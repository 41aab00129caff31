using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Email;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.ClientPortal;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Branding;

/// <summary>
/// The reseller's client portal brand (§7) and its e-mails to clients (§6): the reseller's admin only. Every
/// record here is the signed-in admin's reseller's (the query filters), so no route names a reseller.
/// </summary>
[Authorize(Policy = Policies.BrandingEditors)]
[Route("branding")]
public sealed class BrandingController(PortalDbContext db, IOptions<ClientPortalOptions> portal) : Controller
{
    [HttpGet("")]
    public Task<IActionResult> Index([FromServices] SaveBranding save, CancellationToken ct) =>
        this.ShowAsync(save.LoadAsync(ct), form => ShowFormAsync(form, ct));

    [HttpPost("")]
    [RequestSizeLimit(8 * 1024 * 1024)]
    public Task<IActionResult> Index(BrandingForm form, [FromServices] SaveBranding save, CancellationToken ct) =>
        this.SubmitAsync(form, () => save.HandleAsync(form, ct),
            done: _ => new GoTo("/branding", "Branding saved. Your clients see it now."),
            reshow: () => ShowFormAsync(form, ct));

    /// <summary>The client login and a client page with the form's unsaved values; nothing is saved.</summary>
    [HttpPost("preview")]
    [RequestSizeLimit(8 * 1024 * 1024)]
    public async Task<IActionResult> Preview(BrandingForm form, [FromServices] PreviewBranding preview, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return await ShowFormAsync(form, ct);
        }

        var result = await preview.HandleAsync(form, ct);
        if (!result.IsDone)
        {
            foreach (var refusal in result.Refusals)
            {
                ModelState.AddModelError(refusal.Field, refusal.Message);
            }

            return await ShowFormAsync(form, ct);
        }

        return View("Preview", result.Value);
    }

    [HttpGet("preview.css")]
    public IActionResult PreviewStylesheet(string? key, [FromServices] PreviewBranding preview)
    {
        var result = preview.Stylesheet(key);
        return result.IsDone ? Content(result.Value, "text/css; charset=utf-8") : NotFound();
    }

    [HttpGet("emails")]
    public async Task<IActionResult> Emails([FromServices] EditEmailTemplate edit, CancellationToken ct) =>
        View("Emails", await edit.PageAsync(null, null, null, ct));

    [HttpPost("emails/sender")]
    public Task<IActionResult> Sender([Bind(Prefix = "Sender")] SenderForm form, [FromServices] SaveSender save, [FromServices] EditEmailTemplate edit, CancellationToken ct) =>
        this.SubmitAsync(form, () => save.HandleAsync(form, ct),
            done: _ => new GoTo("/branding/emails", "Sender saved."),
            reshow: async () => View("Emails", await edit.PageAsync(null, null, form, ct)),
            prefix: "Sender");

    [HttpPost("emails/{kind}")]
    public Task<IActionResult> Template(EmailTemplateKind kind, EmailTemplateForm form, [FromServices] EditEmailTemplate edit, CancellationToken ct) =>
        this.SubmitAsync(form, () => edit.SaveAsync(kind, form, ct),
            done: _ => new GoTo($"/branding/emails#{EditEmailTemplate.Anchor(kind)}", $"{EditEmailTemplate.Label(kind)} e-mail saved."),
            reshow: () => ShowTemplatesAsync(edit, kind, form, preview: false, ct));

    /// <summary>The typed wording rendered with the sample client, not saved.</summary>
    [HttpPost("emails/{kind}/preview")]
    public async Task<IActionResult> PreviewTemplate(EmailTemplateKind kind, EmailTemplateForm form, [FromServices] EditEmailTemplate edit, CancellationToken ct) =>
        Enum.IsDefined(kind) ? await ShowTemplatesAsync(edit, kind, form, preview: ModelState.IsValid, ct) : NotFound();

    [HttpPost("emails/{kind}/reset")]
    public Task<IActionResult> Reset(EmailTemplateKind kind, [FromServices] EditEmailTemplate edit, CancellationToken ct) =>
        this.ActAsync(() => edit.ResetAsync(kind, ct),
            done: _ => new GoTo($"/branding/emails#{EditEmailTemplate.Anchor(kind)}", $"{EditEmailTemplate.Label(kind)} e-mail reset to the default text."),
            back: "/branding/emails");

    private async Task<IActionResult> ShowFormAsync(BrandingForm form, CancellationToken ct)
    {
        await form.FillAsync(db, db.Tenant.ResellerId!.Value, portal.Value.BaseUrl, ct);
        return View("Index", form);
    }

    private async Task<IActionResult> ShowTemplatesAsync(EditEmailTemplate edit, EmailTemplateKind kind, EmailTemplateForm form, bool preview, CancellationToken ct)
    {
        if (!Enum.IsDefined(kind))
        {
            return NotFound();
        }

        var page = await edit.PageAsync(kind, form, null, ct);
        if (preview)
        {
            var sender = page.Sender;
            page = page with
            {
                Templates = [.. page.Templates.Select(t => t.Kind == kind ? t with { Sample = EditEmailTemplate.Preview(form, sender.SenderName, sender.ReplyTo), Previewed = true } : t)],
            };
        }

        return View("Emails", page);
    }
}
