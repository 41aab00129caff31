using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Features.Records;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Dids;

/// <summary>
/// The reseller's DIDs (§5): add numbers, unconnect, swap, default charges; numbers are connected from a
/// sub-account's page. The provider's staff see every reseller's numbers (a number belongs to one reseller)
/// and change nothing.
/// </summary>
[Authorize(Policy = Policies.RecordViewers)]
[Route("dids")]
public sealed class DidsController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(Guid? client, string? state, string? prefix, string? after, Guid? reseller, [FromServices] ListDids list, CancellationToken ct) =>
        View(await list.HandleAsync(new DidFilter(client, state, prefix, after, reseller), ct));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpGet("new")]
    public IActionResult Create() => View(new AddDidsForm());

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("new")]
    public Task<IActionResult> Create(AddDidsForm form, [FromServices] AddDids add, CancellationToken ct) =>
        this.SubmitAsync(form, () => add.HandleAsync(form, ct),
            done: added => new GoTo("/dids?prefix=" + Uri.EscapeDataString(added.First[..Math.Min(6, added.First.Length)]),
                added.Count == 1 ? $"{added.First} added." : $"{added.Count:N0} numbers added."),
            reshow: () => View(form));

    [HttpGet("{id:guid}")]
    public Task<IActionResult> Details(Guid id, [FromServices] DidDetails details, CancellationToken ct) =>
        this.ShowAsync(details.HandleAsync(id, RecordNote.From(TempData), ct), model => View(model));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/unconnect")]
    public Task<IActionResult> Unconnect(Guid id, [FromServices] UnconnectDid unconnect, CancellationToken ct) =>
        this.ActAsync(() => unconnect.HandleAsync(id, ct),
            done: did => new GoTo($"/dids/{id}", $"{did.Number} unconnected; it is free again."),
            back: $"/dids/{id}");

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/swap")]
    public Task<IActionResult> Swap(Guid id, ReplaceDidForm form, [FromServices] ReplaceDid replace, [FromServices] DidDetails details, CancellationToken ct) =>
        this.SubmitAsync(form, () => replace.HandleAsync(id, form, ct),
            done: swapped => new GoTo($"/dids/{swapped.Replacement.Id}", $"{swapped.Replacement.Number} now replaces {swapped.Replaced.Number}."),
            reshow: () => this.ShowAsync(details.HandleAsync(id, RecordNote.From(TempData), ct), model => View(nameof(Details), model with { Replacement = form.Replacement })));

    [Authorize(Policy = Policies.ResellerAdmin)]
    [HttpGet("defaults")]
    public Task<IActionResult> Defaults([FromServices] SaveDidDefaults save, CancellationToken ct) =>
        this.ShowAsync(save.LoadAsync(ct), form => View(form));

    [Authorize(Policy = Policies.ResellerAdmin)]
    [HttpPost("defaults")]
    public Task<IActionResult> Defaults(DidDefaultsForm form, [FromServices] SaveDidDefaults save, CancellationToken ct) =>
        this.SubmitAsync(form, () => save.HandleAsync(form, ct),
            done: _ => new GoTo("/dids", "DID defaults saved."),
            reshow: () => View(form));
}
