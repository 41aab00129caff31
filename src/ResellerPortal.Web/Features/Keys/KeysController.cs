using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Keys;

public sealed record KeysPageModel(KeyListModel List, ImportKeysForm Import, LicenceEmailForm Email, bool CanImport, bool CanSetEmail);

/// <summary>
/// The reseller's pre-purchased keys (§4): stock, import, activation and its progress. The provider's
/// staff see every reseller's keys, masked, and change nothing; whoever may activate a key sees it in full.
/// </summary>
[Authorize(Policy = Policies.InstanceViewers)]
[Route("keys")]
public sealed class KeysController(KeyList list, SetLicenceEmail licenceEmail, Permissions can) : Controller
{
    private bool IsHtmx => Request.Headers.ContainsKey("HX-Request");

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] KeyFilter filter, CancellationToken ct) =>
        IsHtmx ? PartialView("_KeyTable", await list.HandleAsync(filter, ct)) : await PageAsync(filter, new ImportKeysForm(), null, ct);

    [Authorize(Policy = Policies.KeyActivators)]
    [HttpPost("import")]
    public Task<IActionResult> Import(ImportKeysForm form, [FromServices] ImportKeys import, CancellationToken ct) =>
        this.SubmitAsync(form, () => import.HandleAsync(form, ct),
            done: added => new GoTo("/keys", $"{added} key{(added == 1 ? "" : "s")} added."),
            reshow: () => PageAsync(new KeyFilter(), form, null, ct));

    [Authorize(Policy = Policies.LicenceEmailEditors)]
    [HttpPost("settings")]
    public Task<IActionResult> Settings(LicenceEmailForm form, CancellationToken ct) =>
        this.SubmitAsync(form, () => licenceEmail.HandleAsync(form, ct),
            done: email => new GoTo("/keys", email is null ? "Activations use the portal's default address." : $"Activations use {email}."),
            reshow: () => PageAsync(new KeyFilter(), new ImportKeysForm(), form, ct));

    [HttpGet("{id:guid}")]
    public Task<IActionResult> Details(Guid id, [FromServices] KeyDetails details, CancellationToken ct) =>
        this.ShowAsync(details.HandleAsync(id, withFullKey: true, ct), model => View(model));

    /// <summary>The key's status and history, polled by its page while the activation is in progress.</summary>
    [HttpGet("{id:guid}/status")]
    public Task<IActionResult> Status(Guid id, [FromServices] KeyDetails details, CancellationToken ct) =>
        this.ShowAsync(details.HandleAsync(id, withFullKey: false, ct), model => PartialView("_KeyStatus", model));

    [Authorize(Policy = Policies.KeyActivators)]
    [HttpPost("{id:guid}/activate")]
    public Task<IActionResult> Activate(Guid id, ActivateForm form, [FromServices] RequestActivation request, [FromServices] KeyDetails details, CancellationToken ct)
    {
        form.PpkId = id;
        return this.SubmitAsync(form, () => request.HandleAsync(form, ct),
            done: activation => new GoTo($"/keys/{id}", $"Activation of the key for {activation.InstanceName} started."),
            reshow: () => this.ShowAsync(details.HandleAsync(id, withFullKey: true, ct), model => View("Details", model with { Form = form })));
    }

    [Authorize(Policy = Policies.KeyActivators)]
    [HttpPost("{id:guid}/retry")]
    public Task<IActionResult> Retry(Guid id, [FromServices] RetryActivation retry, CancellationToken ct) =>
        this.ActAsync(() => retry.HandleAsync(id, ct), done: _ => new GoTo($"/keys/{id}", "Trying again."), back: $"/keys/{id}");

    private async Task<IActionResult> PageAsync(KeyFilter filter, ImportKeysForm import, LicenceEmailForm? email, CancellationToken ct)
    {
        var canSetEmail = await can.AllowsAsync(Policies.LicenceEmailEditors);
        email ??= canSetEmail ? await licenceEmail.LoadAsync(ct) : new LicenceEmailForm();
        return View("Index", new KeysPageModel(await list.HandleAsync(filter, ct), import, email, await can.AllowsAsync(Policies.KeyActivators), canSetEmail));
    }
}
