using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Features.Dids;
using ResellerPortal.Web.Features.Records;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.SubAccounts;

/// <summary>
/// Sub-accounts (§5): created under a client, a package assigned, moved, unconnected; DIDs connected to them.
/// The provider's staff see every reseller's and change nothing.
/// </summary>
[Authorize(Policy = Policies.RecordViewers)]
public sealed class SubAccountsController : Controller
{
    [Authorize(Policy = Policies.RecordEditors)]
    [HttpGet("/clients/{clientId:guid}/subaccounts/new")]
    public Task<IActionResult> Create(Guid clientId, [FromServices] CreateSubAccount create, CancellationToken ct) =>
        this.ShowAsync(create.LoadAsync(clientId, new SubAccountForm(), ct), form => View("Create", form));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/clients/{clientId:guid}/subaccounts/new")]
    public Task<IActionResult> Create(Guid clientId, SubAccountForm form, [FromServices] CreateSubAccount create, CancellationToken ct) =>
        this.SubmitAsync(form, () => create.HandleAsync(clientId, form, ct),
            done: sub => new GoTo($"/subaccounts/{sub.Id}", $"Sub-account {sub.Name} created."),
            // The handler fills the read-only parts; when binding failed it did not run.
            reshow: () => form.ClientName is null
                ? this.ShowAsync(create.LoadAsync(clientId, form, ct), shown => View("Create", shown))
                : Task.FromResult<IActionResult>(View("Create", form)));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/clients/{clientId:guid}/subaccounts/connect")]
    public Task<IActionResult> Connect(Guid clientId, Guid subAccountId, [FromServices] ConnectSubAccount connect, CancellationToken ct) =>
        this.ActAsync(() => connect.HandleAsync(clientId, subAccountId, ct),
            done: sub => new GoTo($"/clients/{clientId}", $"{sub.Name} connected."),
            back: $"/clients/{clientId}");

    [HttpGet("/subaccounts/{id:guid}")]
    public Task<IActionResult> Details(Guid id, [FromServices] SubAccountDetails details, CancellationToken ct) =>
        this.ShowAsync(details.HandleAsync(id, RecordNote.From(TempData), null, ct), model => View(model));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/subaccounts/{id:guid}/package")]
    public Task<IActionResult> AssignPackage(Guid id, PackageChoice choice, [FromServices] AssignPackage assign, CancellationToken ct) =>
        this.ActAsync(() => assign.HandleAsync(id, choice, ct),
            done: assigned => new GoTo($"/subaccounts/{id}", assigned.Package is { } package ? $"Package {package.Name} assigned." : "Package removed."),
            back: $"/subaccounts/{id}");

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/subaccounts/{id:guid}/move")]
    public Task<IActionResult> Move(Guid id, MoveSubAccountForm form, [FromServices] MoveSubAccount move, [FromServices] SubAccountDetails details, CancellationToken ct) =>
        this.SubmitAsync(form, () => move.HandleAsync(id, form, ct),
            done: moved => new GoTo($"/subaccounts/{id}", $"{moved.SubAccount.Name} moved from {moved.From ?? "no client"} to {moved.To}."),
            reshow: () => this.ShowAsync(details.HandleAsync(id, RecordNote.From(TempData), null, ct), model => View(nameof(Details), model with { ClientEmail = form.ClientEmail })));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/subaccounts/{id:guid}/unconnect")]
    public Task<IActionResult> Unconnect(Guid id, [FromServices] UnconnectSubAccount unconnect, CancellationToken ct) =>
        this.ActAsync(() => unconnect.HandleAsync(id, ct),
            done: unconnected => new GoTo($"/clients/{unconnected.ClientId}", $"{unconnected.Name} unconnected."),
            back: $"/subaccounts/{id}");

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/subaccounts/{id:guid}/dids")]
    public Task<IActionResult> ConnectDid(Guid id, [Bind(Prefix = "ConnectDid")] ConnectDidForm form, [FromServices] ConnectDid connect, [FromServices] SubAccountDetails details, CancellationToken ct) =>
        this.SubmitAsync(form, () => connect.HandleAsync(id, form, ct),
            done: connected => new GoTo($"/subaccounts/{id}", $"{connected.Did.Number} connected to {connected.SubAccountName}."),
            reshow: () => this.ShowAsync(details.HandleAsync(id, RecordNote.From(TempData), form, ct), model => View(nameof(Details), model)),
            prefix: "ConnectDid");
}
