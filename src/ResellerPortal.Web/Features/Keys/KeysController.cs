using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Keys;

public sealed class LicenceEmailForm
{
    public string? LicenceEmail { get; set; }
}

public sealed class LicenceEmailFormValidator : AbstractValidator<LicenceEmailForm>
{
    public LicenceEmailFormValidator()
    {
        RuleFor(x => x.LicenceEmail).MaximumLength(254).EmailAddress().WithMessage("Enter an email address, or leave it empty for the portal's default.");
    }
}

public sealed record KeysPageModel(KeyListModel List, ImportKeysForm Import, ImportResult? Result, LicenceEmailForm Email, bool CanImport, bool CanSetEmail);

/// <summary>
/// The reseller's pre-purchased keys (§4): stock, import, activation and its progress. The provider's
/// staff see every reseller's keys, masked, and change nothing; whoever may activate a key sees it in full.
/// </summary>
[Authorize(Policy = Policies.InstanceViewers)]
[Route("keys")]
public sealed class KeysController(KeyStock stock, PortalDbContext db) : Controller
{
    private bool IsResellerStaff => User.IsInRole(Roles.ResellerAdmin) || User.IsInRole(Roles.ResellerUser);

    private bool IsHtmx => Request.Headers.ContainsKey("HX-Request");

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] KeyFilter filter, CancellationToken ct) =>
        await PageAsync(filter, new ImportKeysForm(), null, ct);

    [Authorize(Policy = Policies.ResellerStaff)]
    [HttpPost("import")]
    public async Task<IActionResult> Import(ImportKeysForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return await PageAsync(new KeyFilter(), form, null, ct);
        }

        var result = await stock.ImportAsync(form.Keys!, User.GetDisplayName(), ct);
        var added = $"{result.Added} key{(result.Added == 1 ? "" : "s")} added.";
        if (result.Errors.Count == 0)
        {
            TempData["Flash"] = added;
            return Redirect("/keys");
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(nameof(ImportKeysForm.Keys), error.LineNumber > 0 ? $"Line {error.LineNumber}: {error.Reason} ({error.Text})" : error.Reason);
        }

        ViewData["ImportFlash"] = $"{added} {result.Errors.Count} line{(result.Errors.Count == 1 ? " was" : "s were")} not imported; {(result.Errors.Count == 1 ? "it is" : "they are")} left in the box below to fix and import again (line numbers are those of your paste).";
        return await PageAsync(new KeyFilter(), new ImportKeysForm { Keys = result.Refused }, result, ct);
    }

    [Authorize(Policy = Policies.ResellerAdmin)]
    [HttpPost("settings")]
    public async Task<IActionResult> Settings(LicenceEmailForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return await PageAsync(new KeyFilter(), new ImportKeysForm(), null, ct, form);
        }

        var reseller = await db.Resellers.SingleAsync(r => r.Id == db.Tenant.ResellerId, ct);
        reseller.SetLicenceEmail(form.LicenceEmail);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = reseller.LicenceEmail is null ? "Activations use the portal's default address." : $"Activations use {reseller.LicenceEmail}.";
        return Redirect("/keys");
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var model = await stock.DetailsAsync(id, IsResellerStaff, withFullKey: true, ct);
        return model is null ? NotFound() : View(model);
    }

    /// <summary>The key's status and history, polled by its page while the activation is in progress.</summary>
    [HttpGet("{id:guid}/status")]
    public async Task<IActionResult> Status(Guid id, CancellationToken ct)
    {
        var model = await stock.DetailsAsync(id, IsResellerStaff, withFullKey: false, ct);
        return model is null ? NotFound() : PartialView("_KeyStatus", model);
    }

    [Authorize(Policy = Policies.ResellerStaff)]
    [HttpPost("{id:guid}/activate")]
    public async Task<IActionResult> Activate(Guid id, ActivateForm form, [FromServices] RequestActivation request, CancellationToken ct)
    {
        form.PpkId = id;
        if (ModelState.IsValid)
        {
            var result = await request.HandleAsync(form, User.GetDisplayName(), ct);
            if (result.Activation is { } activation)
            {
                TempData["Flash"] = $"Activation of the key for {activation.InstanceName} started.";
                return Redirect($"/keys/{id}");
            }

            ModelState.AddModelError(result.Field == nameof(ActivateForm.InstanceId) ? nameof(ActivateForm.InstanceId) : string.Empty, result.Error!);
        }

        var model = await stock.DetailsAsync(id, IsResellerStaff, withFullKey: true, ct);
        if (model is null)
        {
            return NotFound();
        }

        ViewData["ActivateForm"] = form;
        return View("Details", model);
    }

    [Authorize(Policy = Policies.ResellerStaff)]
    [HttpPost("{id:guid}/retry")]
    public async Task<IActionResult> Retry(Guid id, [FromServices] RetryActivation retry, CancellationToken ct)
    {
        var refused = await retry.HandleAsync(id, ct);
        TempData["Flash"] = refused ?? "Trying again.";
        return Redirect($"/keys/{id}");
    }

    private async Task<IActionResult> PageAsync(KeyFilter filter, ImportKeysForm import, ImportResult? result, CancellationToken ct, LicenceEmailForm? email = null)
    {
        var list = await stock.ListAsync(filter, ct);
        if (IsHtmx && Request.Method == HttpMethods.Get)
        {
            return PartialView("_KeyTable", list);
        }

        var canSetEmail = User.IsInRole(Roles.ResellerAdmin);
        email ??= new LicenceEmailForm
        {
            LicenceEmail = canSetEmail ? await db.Resellers.Where(r => r.Id == db.Tenant.ResellerId).Select(r => r.LicenceEmail).SingleOrDefaultAsync(ct) : null,
        };
        return View("Index", new KeysPageModel(list, import, result, email, IsResellerStaff, canSetEmail));
    }
}

public sealed record InstanceLicenceModel(
    Guid InstanceId,
    string InstanceName,
    string LongName,
    int MaxAgents,
    IReadOnlyList<ActivationView> Activations,
    IReadOnlyList<KeyRow> AvailableKeys,
    bool CanActivate);

/// <summary>An instance's licences (§4: the card shows it; this page activates and shows the history).</summary>
[Authorize(Policy = Policies.InstanceViewers)]
[Route("instances/{id:guid}/licence")]
public sealed class InstanceLicenceController(PortalDbContext db, KeyStock stock, TimeProvider clock) : Controller
{
    private bool CanActivate => User.IsInRole(Roles.ResellerAdmin) || User.IsInRole(Roles.ResellerUser);

    [HttpGet("")]
    public async Task<IActionResult> Index(Guid id, CancellationToken ct)
    {
        var model = await LoadAsync(id, ct);
        return model is null ? NotFound() : View("InstanceLicence", model);
    }

    [HttpGet("status")]
    public async Task<IActionResult> Status(Guid id, CancellationToken ct)
    {
        var model = await LoadAsync(id, ct);
        return model is null ? NotFound() : PartialView("_InstanceLicences", model);
    }

    [Authorize(Policy = Policies.ResellerStaff)]
    [HttpPost("")]
    public async Task<IActionResult> Activate(Guid id, ActivateForm form, [FromServices] RequestActivation request, CancellationToken ct)
    {
        form.InstanceId = id;
        if (ModelState.IsValid)
        {
            var result = await request.HandleAsync(form, User.GetDisplayName(), ct);
            if (result.Activation is not null)
            {
                TempData["Flash"] = "Activation started: the key server is being asked for the licence.";
                return Redirect($"/instances/{id}/licence");
            }

            ModelState.AddModelError(result.Field == nameof(ActivateForm.PpkId) ? nameof(ActivateForm.PpkId) : string.Empty, result.Error!);
        }

        var model = await LoadAsync(id, ct);
        if (model is null)
        {
            return NotFound();
        }

        ViewData["ActivateForm"] = form;
        return View("InstanceLicence", model);
    }

    private async Task<InstanceLicenceModel?> LoadAsync(Guid id, CancellationToken ct)
    {
        var instance = await db.Instances.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { i.Id, i.Name, i.LongName, i.MaxAgents })
            .SingleOrDefaultAsync(ct);
        if (instance is null)
        {
            return null;
        }

        var activations = await (
                from a in db.LicenceActivations.AsNoTracking()
                join k in db.PrepurchasedKeys.AsNoTracking() on a.PpkId equals k.Id
                where a.InstanceId == id
                orderby a.RequestedAt descending
                select new { Activation = a, k.Masked, k.Agents })
            .ToListAsync(ct);
        var ids = activations.Select(a => a.Activation.Id).ToList();
        var attempts = (await db.LicenceAttempts.AsNoTracking().Where(a => ids.Contains(a.ActivationId))
                .OrderByDescending(a => a.StartedAt).ThenByDescending(a => a.Id).ToListAsync(ct))
            .ToLookup(a => a.ActivationId);
        var available = CanActivate
            ? await stock.AvailableCoveringAsync(instance.MaxAgents, ct)
            : [];
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return new InstanceLicenceModel(
            instance.Id,
            instance.Name,
            instance.LongName,
            instance.MaxAgents,
            activations.Select(a => new ActivationView(a.Activation, a.Masked, a.Agents, attempts[a.Activation.Id].ToList(), today)).ToList(),
            available,
            CanActivate);
    }
}
