using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Resellers;

/// <summary>The provider's view of its resellers: Support reads, PlatformAdmin changes.</summary>
[Authorize(Policy = Policies.PlatformStaff)]
[Route("admin")]
public sealed class ResellersController : Controller
{
    [HttpGet("resellers")]
    public async Task<IActionResult> Index([FromServices] ListResellers list, CancellationToken ct) =>
        View(await list.HandleAsync(ct));

    [HttpGet("resellers/{id:guid}")]
    public Task<IActionResult> Details(Guid id, [FromServices] ShowReseller show, CancellationToken ct) =>
        this.ShowAsync(show.HandleAsync(id, ct), details => View(details));

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpGet("resellers/new")]
    public IActionResult Create() => View("ResellerEdit", new ResellerForm());

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpPost("resellers/new")]
    public Task<IActionResult> Create(ResellerForm form, [FromServices] CreateReseller create, CancellationToken ct) =>
        this.SubmitAsync(form, () => create.HandleAsync(form, ct),
            done: reseller => new GoTo(DetailsOf(reseller.Id), $"Reseller {reseller.Name} created."),
            reshow: () => View("ResellerEdit", form));

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpGet("resellers/{id:guid}/edit")]
    public Task<IActionResult> Edit(Guid id, [FromServices] EditReseller edit, CancellationToken ct) =>
        this.ShowAsync(edit.LoadAsync(id, ct), form => View("ResellerEdit", form));

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpPost("resellers/{id:guid}/edit")]
    public Task<IActionResult> Edit(Guid id, ResellerForm form, [FromServices] EditReseller edit, CancellationToken ct) =>
        this.SubmitAsync(form, () => edit.HandleAsync(id, form, ct),
            done: reseller => new GoTo(DetailsOf(reseller.Id), "Reseller saved."),
            reshow: () =>
            {
                form.Id = id;
                return View("ResellerEdit", form);
            });

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpGet("resellers/{resellerId:guid}/operators/new")]
    public Task<IActionResult> CreateOperator(Guid resellerId, [FromServices] CreateOperator create, CancellationToken ct) =>
        this.ShowAsync(create.LoadAsync(resellerId, ct), form => View("OperatorEdit", form));

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpPost("resellers/{resellerId:guid}/operators/new")]
    public Task<IActionResult> CreateOperator(Guid resellerId, OperatorForm form, [FromServices] CreateOperator create, CancellationToken ct) =>
        this.SubmitAsync(form, () => create.HandleAsync(resellerId, form, ct),
            done: op => new GoTo(DetailsOf(resellerId), $"Operator {op.Name} created."),
            reshow: () => form.ResellerName is null
                ? this.ShowAsync(create.DescribeAsync(resellerId, form, ct), described => View("OperatorEdit", described))
                : Task.FromResult<IActionResult>(View("OperatorEdit", form)));

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpGet("operators/{id:guid}/edit")]
    public Task<IActionResult> EditOperator(Guid id, [FromServices] EditOperator edit, CancellationToken ct) =>
        this.ShowAsync(edit.LoadAsync(id, ct), form => View("OperatorEdit", form));

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpPost("operators/{id:guid}/edit")]
    public Task<IActionResult> EditOperator(Guid id, OperatorForm form, [FromServices] EditOperator edit, CancellationToken ct) =>
        this.SubmitAsync(form, () => edit.HandleAsync(id, form, ct),
            done: op => new GoTo(DetailsOf(op.ResellerId), "Operator saved."),
            reshow: () => form.ResellerName is null
                ? this.ShowAsync(edit.DescribeAsync(id, form, ct), described => View("OperatorEdit", described))
                : Task.FromResult<IActionResult>(View("OperatorEdit", form)));

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpGet("resellers/{resellerId:guid}/users/new")]
    public Task<IActionResult> CreateUser(Guid resellerId, [FromServices] CreateUser create, CancellationToken ct) =>
        this.ShowAsync(create.LoadAsync(resellerId, ct), form => View("UserEdit", form));

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpPost("resellers/{resellerId:guid}/users/new")]
    public Task<IActionResult> CreateUser(Guid resellerId, UserForm form, [FromServices] CreateUser create, CancellationToken ct) =>
        this.SubmitAsync(form, () => create.HandleAsync(resellerId, form, ct),
            done: user => new GoTo(DetailsOf(resellerId), $"Login {user.Email} created."),
            reshow: () =>
            {
                form.Password = null;
                return form.ResellerName is null
                    ? this.ShowAsync(create.DescribeAsync(resellerId, form, ct), described => View("UserEdit", described))
                    : Task.FromResult<IActionResult>(View("UserEdit", form));
            });

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpGet("users/{id:guid}/edit")]
    public Task<IActionResult> EditUser(Guid id, [FromServices] EditUser edit, CancellationToken ct) =>
        this.ShowAsync(edit.LoadAsync(id, ct), form => View("UserEdit", form));

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpPost("users/{id:guid}/edit")]
    public Task<IActionResult> EditUser(Guid id, UserForm form, [FromServices] EditUser edit, CancellationToken ct) =>
        this.SubmitAsync(form, () => edit.HandleAsync(id, form, ct),
            done: user => new GoTo(DetailsOf(user.ResellerId!.Value), $"Login {user.Email} saved."),
            reshow: () =>
            {
                form.Password = null;
                return form.ResellerName is null
                    ? this.ShowAsync(edit.DescribeAsync(id, form, ct), described => View("UserEdit", described))
                    : Task.FromResult<IActionResult>(View("UserEdit", form));
            });

    private static string DetailsOf(Guid resellerId) => $"/admin/resellers/{resellerId}";
}
