using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Keys;

/// <summary>An instance's licences (§4: the card shows the one in force; this page activates and shows the history).</summary>
[Authorize(Policy = Policies.InstanceViewers)]
[Route("instances/{id:guid}/licence")]
public sealed class InstanceLicenceController(InstanceLicence licence) : Controller
{
    [HttpGet("")]
    public Task<IActionResult> Index(Guid id, CancellationToken ct) =>
        this.ShowAsync(licence.HandleAsync(id, ct), model => View("InstanceLicence", model));

    [HttpGet("status")]
    public Task<IActionResult> Status(Guid id, CancellationToken ct) =>
        this.ShowAsync(licence.HandleAsync(id, ct), model => PartialView("_InstanceLicences", model));

    [Authorize(Policy = Policies.KeyActivators)]
    [HttpPost("")]
    public Task<IActionResult> Activate(Guid id, ActivateForm form, [FromServices] RequestActivation request, CancellationToken ct)
    {
        form.InstanceId = id;
        return this.SubmitAsync(form, () => request.HandleAsync(form, ct),
            done: _ => new GoTo($"/instances/{id}/licence", "Activation started: the key server is being asked for the licence."),
            reshow: () => this.ShowAsync(licence.HandleAsync(id, ct), model => View("InstanceLicence", model with { Form = form })));
    }
}
