using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Features.Records;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Packages;

/// <summary>
/// The reseller's packages (§5): create, edit, copy, delete (refused while a sub-account uses it). The
/// provider's staff see every reseller's packages and change nothing.
/// </summary>
[Authorize(Policy = Policies.RecordViewers)]
[Route("packages")]
public sealed class PackagesController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(Guid? reseller, [FromServices] ListPackages list, CancellationToken ct) =>
        View(await list.HandleAsync(reseller, ct));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpGet("new")]
    public IActionResult Create() => View("Edit", CreatePackage.Blank());

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("new")]
    public Task<IActionResult> Create(PackageForm form, [FromServices] CreatePackage create, CancellationToken ct) =>
        this.SubmitAsync(form, () => create.HandleAsync(form, ct),
            done: package => new GoTo($"/packages/{package.Id}", $"Package {package.Name} created."),
            reshow: () => View("Edit", form));

    [HttpGet("{id:guid}")]
    public Task<IActionResult> Details(Guid id, [FromServices] PackageDetails details, CancellationToken ct) =>
        this.ShowAsync(details.HandleAsync(id, RecordNote.From(TempData), ct), model => View(model));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpGet("{id:guid}/edit")]
    public Task<IActionResult> Edit(Guid id, [FromServices] EditPackage edit, CancellationToken ct) =>
        this.ShowAsync(edit.LoadAsync(id, ct), form => View("Edit", form));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/edit")]
    public Task<IActionResult> Edit(Guid id, PackageForm form, [FromServices] EditPackage edit, CancellationToken ct) =>
        this.SubmitAsync(form, () => edit.HandleAsync(id, form, ct),
            done: _ => new GoTo($"/packages/{id}", "Package saved."),
            reshow: () =>
            {
                form.Id = id;
                return View("Edit", form);
            });

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/copy")]
    public Task<IActionResult> Copy(Guid id, [FromServices] CopyPackage copy, CancellationToken ct) =>
        this.ActAsync(() => copy.HandleAsync(id, ct),
            done: copied => new GoTo($"/packages/{copied.Id}/edit", $"Copied as {copied.Name}."),
            back: $"/packages/{id}");

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/delete")]
    public Task<IActionResult> Delete(Guid id, [FromServices] DeletePackage delete, CancellationToken ct) =>
        this.ActAsync(() => delete.HandleAsync(id, ct),
            done: deleted => new GoTo("/packages", $"Package {deleted.Name} deleted."),
            back: $"/packages/{id}");
}
