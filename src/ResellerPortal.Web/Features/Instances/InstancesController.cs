using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Instances;

/// <summary>
/// The instance cards (§3). Create and edit are forms that open in a modal when htmx is there and
/// as pages when it is not; which instances a user sees is decided by the tenant and operator
/// filters of the data layer, so another reseller's or operator's instance is a 404.
/// </summary>
[Authorize(Policy = Policies.InstanceViewers)]
[Route("instances")]
public sealed class InstancesController(PortalDbContext db, Permissions can) : Controller
{
    private bool IsHtmx => Request.Headers.ContainsKey("HX-Request");

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] InstanceFilter filter, [FromServices] ListInstances list, CancellationToken ct) =>
        View(await list.HandleAsync(filter, await can.AllowsAsync(Policies.InstanceEditors), ct));

    /// <summary>More cards after <see cref="InstanceFilter.After"/> ("Load more").</summary>
    [HttpGet("cards")]
    public async Task<IActionResult> Cards([FromQuery] InstanceFilter filter, [FromServices] ListInstances list, CancellationToken ct) =>
        PartialView("_CardsPage", await list.HandleAsync(filter, await can.AllowsAsync(Policies.InstanceEditors), ct));

    [HttpGet("name-availability")]
    public async Task<IActionResult> NameAvailability(string? name, [FromServices] NameAvailability names, CancellationToken ct) =>
        Json(await names.CheckAsync(name is { Length: > 100 } ? name[..100] : name, ct));

    [Authorize(Policy = Policies.InstanceEditors)]
    [HttpGet("new")]
    public Task<IActionResult> Create(Guid? @operator, CancellationToken ct) =>
        ShowCreateAsync(new CreateInstanceForm { OperatorId = @operator }, ct);

    [Authorize(Policy = Policies.InstanceEditors)]
    [HttpPost("new")]
    public Task<IActionResult> Create(CreateInstanceForm form, [FromServices] CreateInstance create, CancellationToken ct) =>
        this.SubmitAsync(form, () => create.HandleAsync(form, ct),
            done: instance => new GoTo(CardsOf(instance.Name), $"Instance {instance.Name} created. It is being provisioned and will be available in a few minutes."),
            reshow: () =>
            {
                form.Password = string.Empty;
                return ShowCreateAsync(form, ct);
            });

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, [FromServices] EditInstance edit, CancellationToken ct) =>
        await this.ShowAsync(edit.LoadAsync(id, ct), async form => await ShowEditAsync(form, readOnly: !await can.AllowsAsync(Policies.InstanceEditors)));

    [Authorize(Policy = Policies.InstanceEditors)]
    [HttpPost("{id:guid}/edit")]
    public Task<IActionResult> Edit(Guid id, EditInstanceForm form, [FromServices] EditInstance edit, CancellationToken ct) =>
        this.SubmitAsync(form, () => edit.HandleAsync(id, form, ct),
            done: saved => new GoTo(CardsOf(saved.Instance.Name), saved.Restarts
                ? $"Instance {saved.Instance.Name} saved. It will restart within 3–5 minutes."
                : $"Instance {saved.Instance.Name} saved."),
            reshow: () =>
            {
                form.KApiKey = null;
                return ShowEditAsync(form, readOnly: false);
            });

    [HttpGet("{id:guid}/history")]
    public async Task<IActionResult> History(Guid id, [FromServices] InstanceHistory history, CancellationToken ct) =>
        await this.ShowAsync(history.HandleAsync(id, ct), model => View(model));

    private static string CardsOf(string name) => "/instances?q=" + Uri.EscapeDataString(name);

    private async Task<IActionResult> ShowCreateAsync(CreateInstanceForm form, CancellationToken ct)
    {
        form.MayUseTest = await can.AllowsAsync(Policies.TestInstances);
        form.Operators = await ListInstances.OperatorChoicesAsync(db, ct);
        return IsHtmx ? PartialView("_CreateForm", form) : View("Create", form);
    }

    private async Task<IActionResult> ShowEditAsync(EditInstanceForm form, bool readOnly)
    {
        form.MayUseTest = await can.AllowsAsync(Policies.TestInstances);
        ViewData["ReadOnly"] = readOnly;
        return IsHtmx ? PartialView("_EditForm", form) : View("Edit", form);
    }
}
