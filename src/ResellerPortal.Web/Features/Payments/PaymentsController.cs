using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Domain.Money;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Payments;

/// <summary>
/// Payments and refunds (§6, seed 001 "Payments"). Money moves only for the reseller's staff
/// (<see cref="Policies.RecordEditors"/>, as manual transactions); the provider's staff read. Another
/// reseller's payment or client is a 404. A payment is not edited: a correction is a refund or an adjustment.
/// </summary>
[Authorize(Policy = Policies.RecordViewers)]
public sealed class PaymentsController(PaymentList list) : Controller
{
    [HttpGet("/payments")]
    public async Task<IActionResult> Index(Guid? client, int? page, CancellationToken ct) =>
        View(await list.PageAsync(client, page ?? 1, ct));

    [HttpGet("/payments/{id:guid}")]
    public Task<IActionResult> Details(Guid id, CancellationToken ct) =>
        this.ShowAsync(list.DetailsAsync(id, ct), model => View(model));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpGet("/clients/{clientId:guid}/payments/new")]
    public Task<IActionResult> Create(Guid clientId, [FromServices] RecordPayment record, CancellationToken ct) =>
        this.ShowAsync(record.LoadAsync(clientId, new PaymentForm(), ct), form => View("Create", form));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/clients/{clientId:guid}/payments/new")]
    public Task<IActionResult> Create(Guid clientId, PaymentForm form, [FromServices] RecordPayment record, CancellationToken ct) =>
        this.SubmitAsync(form, () => record.HandleAsync(clientId, form, ct),
            done: payment => new GoTo($"/payments/{payment.Id}", $"Payment {payment.Reference} of {Currencies.Show(payment.Amount, payment.Currency)} recorded."),
            reshow: () => this.ShowAsync(record.LoadAsync(clientId, form, ct), shown => View("Create", shown)));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpGet("/payments/{id:guid}/refunds/new")]
    public Task<IActionResult> Refund(Guid id, [FromServices] RecordRefund refund, CancellationToken ct) =>
        this.ShowAsync(refund.LoadAsync(id, new RefundForm(), ct), form => View("Refund", form));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/payments/{id:guid}/refunds/new")]
    public Task<IActionResult> Refund(Guid id, RefundForm form, [FromServices] RecordRefund refund, CancellationToken ct) =>
        this.SubmitAsync(form, () => refund.HandleAsync(id, form, ct),
            done: payment => new GoTo($"/payments/{payment.Id}", $"Refund of {Currencies.Show(form.Amount!.Value, payment.Currency)} recorded."),
            reshow: () => this.ShowAsync(refund.LoadAsync(id, form, ct), shown => View("Refund", shown)));
}
