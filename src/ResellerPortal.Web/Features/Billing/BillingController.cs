using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Billing;

/// <summary>Recurring billing's runs, and "run now for a date" (§6): the provider's admin only.</summary>
[Authorize(Policy = Policies.BillingRunners)]
[Route("admin/billing")]
public sealed class BillingController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] BillingRuns runs, CancellationToken ct) =>
        View(await runs.ListAsync(null, ct));

    [HttpPost("")]
    public Task<IActionResult> Index(RunBillingForm form, [FromServices] BillingRuns runs, CancellationToken ct) =>
        this.SubmitAsync(form, () => runs.HandleAsync(form, ct),
            done: _ => new GoTo("/admin/billing", $"Billing run for {form.RunDate:yyyy-MM-dd} started."),
            reshow: async () => View(await runs.ListAsync(form, ct)));
}
