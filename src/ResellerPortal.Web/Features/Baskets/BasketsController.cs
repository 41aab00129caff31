using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Baskets;

/// <summary>
/// Basket items (§6, seed 001 "Baskets"): listed across the reseller and per client, added, edited while
/// unpaid, cancelled. Another reseller's item or client is a 404 (the query filters); the provider's staff read.
/// </summary>
[Authorize(Policy = Policies.RecordViewers)]
public sealed class BasketsController : Controller
{
    [HttpGet("/baskets")]
    public async Task<IActionResult> Index(Guid? client, string? from, string? to, string? status, string? hidden, int? page, [FromServices] BasketList list, CancellationToken ct) =>
        View(await list.PageAsync(new BasketFilter(client, from, to, status, hidden, page ?? 1), ct));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpGet("/clients/{clientId:guid}/basket/new")]
    public Task<IActionResult> Create(Guid clientId, [FromServices] CreateBasketItem create, CancellationToken ct) =>
        this.ShowAsync(create.LoadAsync(clientId, new BasketItemForm(), ct), form => View("Edit", form));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/clients/{clientId:guid}/basket/new")]
    public Task<IActionResult> Create(Guid clientId, BasketItemForm form, [FromServices] CreateBasketItem create, CancellationToken ct) =>
        this.SubmitAsync(form, () => create.HandleAsync(clientId, form, ct),
            done: item => new GoTo($"/clients/{clientId}#basket", $"Basket item {item.ItemId} added."),
            reshow: () => this.ShowAsync(create.LoadAsync(clientId, form, ct), shown => View("Edit", shown)));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpGet("/baskets/{id:guid}/edit")]
    public Task<IActionResult> Edit(Guid id, [FromServices] EditBasketItem edit, CancellationToken ct) =>
        this.ShowAsync(edit.LoadAsync(id, ct), form => View("Edit", form));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/baskets/{id:guid}/edit")]
    public Task<IActionResult> Edit(Guid id, BasketItemForm form, [FromServices] EditBasketItem edit, CancellationToken ct) =>
        this.SubmitAsync(form, () => edit.HandleAsync(id, form, ct),
            done: item => new GoTo($"/clients/{item.ClientId}#basket", $"Basket item {item.ItemId} saved."),
            reshow: () => this.ShowAsync(edit.RefillAsync(id, form, ct), shown => View("Edit", shown)));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/baskets/{id:guid}/cancel")]
    public Task<IActionResult> Cancel(Guid id, string? back, [FromServices] CancelBasketItem cancel, CancellationToken ct) =>
        this.ActAsync(() => cancel.HandleAsync(id, ct),
            done: item => new GoTo(Url.IsLocalUrl(back) ? back! : $"/clients/{item.ClientId}#basket", $"Basket item {item.ItemId} cancelled."),
            back: Url.IsLocalUrl(back) ? back! : "/baskets");
}
