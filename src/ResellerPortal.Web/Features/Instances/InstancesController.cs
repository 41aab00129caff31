using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Domain;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Instances;

/// <summary>
/// The instance cards (§3). Create and edit are forms that open in a modal when htmx is there and
/// as pages when it is not; which instances a user sees is decided by the tenant and operator
/// filters of the data layer, so another reseller's or operator's instance is a 404.
/// </summary>
[Authorize(Policy = Policies.InstanceViewers)]
[Route("instances")]
public sealed class InstancesController(PortalDbContext db) : Controller
{
    private bool IsHtmx => Request.Headers.ContainsKey("HX-Request");

    private bool MayUseTest => User.IsInRole(Roles.PlatformAdmin);

    private bool MayEdit => !User.IsInRole(Roles.Support);

    private string Actor => User.GetDisplayName();

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] InstanceFilter filter, [FromServices] ListInstances list, CancellationToken ct) =>
        View(await list.HandleAsync(filter, MayEdit, ct));

    /// <summary>More cards after <see cref="InstanceFilter.After"/> ("Load more").</summary>
    [HttpGet("cards")]
    public async Task<IActionResult> Cards([FromQuery] InstanceFilter filter, [FromServices] ListInstances list, CancellationToken ct) =>
        PartialView("_CardsPage", await list.HandleAsync(filter, MayEdit, ct));

    [HttpGet("name-availability")]
    public async Task<IActionResult> NameAvailability(string? name, [FromServices] NameAvailability names, CancellationToken ct) =>
        Json(await names.CheckAsync(name is { Length: > 100 } ? name[..100] : name, ct));

    [Authorize(Policy = Policies.InstanceEditors)]
    [HttpGet("new")]
    public async Task<IActionResult> Create(Guid? @operator, CancellationToken ct)
    {
        var form = new CreateInstanceForm { OperatorId = @operator };
        return await ShowCreateAsync(form, ct);
    }

    [Authorize(Policy = Policies.InstanceEditors)]
    [HttpPost("new")]
    public async Task<IActionResult> Create(CreateInstanceForm form, [FromServices] CreateInstance create, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await create.HandleAsync(form, MayUseTest, Actor, ct);
            if (result.Instance is { } instance)
            {
                TempData["Flash"] = $"Instance {instance.Name} created. It is being provisioned and will be available in a few minutes.";
                return Done("/instances?q=" + Uri.EscapeDataString(instance.Name));
            }

            ModelState.AddModelError(result.Field ?? string.Empty, result.Error!);
        }

        form.Password = string.Empty;
        return await ShowCreateAsync(form, ct);
    }

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, [FromServices] EditInstance edit, CancellationToken ct)
    {
        var form = await edit.LoadFormAsync(id, ct);
        return form is null ? NotFound() : ShowEdit(form);
    }

    [Authorize(Policy = Policies.InstanceEditors)]
    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, EditInstanceForm form, [FromServices] EditInstance edit, CancellationToken ct)
    {
        form.Id = id;
        var stored = await edit.FindAsync(id, ct);
        if (stored is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await edit.HandleAsync(form, MayUseTest, Actor, ct);
            if (result.Instance is { } instance)
            {
                TempData["Flash"] = result.Restarts
                    ? $"Instance {instance.Name} saved. It will restart within 3–5 minutes."
                    : $"Instance {instance.Name} saved.";
                return Done("/instances?q=" + Uri.EscapeDataString(instance.Name));
            }

            ModelState.AddModelError(result.Field ?? string.Empty, result.Error!);
            stored = await edit.FindAsync(id, ct) ?? stored;
        }

        await edit.DescribeAsync(form, stored, ct);
        form.KApiKey = null;
        return ShowEdit(form);
    }

    [HttpGet("{id:guid}/history")]
    public async Task<IActionResult> History(Guid id, [FromServices] InstanceHistory history, CancellationToken ct)
    {
        var model = await history.HandleAsync(id, ct);
        return model is null ? NotFound() : View(model);
    }

    private async Task<IActionResult> ShowCreateAsync(CreateInstanceForm form, CancellationToken ct)
    {
        form.MayUseTest = MayUseTest;
        form.Operators = await ListInstances.OperatorChoicesAsync(db, ct);
        return IsHtmx ? PartialView("_CreateForm", form) : View("Create", form);
    }

    private IActionResult ShowEdit(EditInstanceForm form)
    {
        form.MayUseTest = MayUseTest;
        ViewData["ReadOnly"] = !MayEdit;
        return IsHtmx ? PartialView("_EditForm", form) : View("Edit", form);
    }

    /// <summary>After a successful save: htmx follows HX-Redirect, a plain form a 303.</summary>
    private IActionResult Done(string location)
    {
        if (IsHtmx)
        {
            Response.Headers["HX-Redirect"] = location;
            return NoContent();
        }

        return LocalRedirect(location);
    }
}
