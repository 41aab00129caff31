using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Records;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Clients;

/// <summary>
/// The reseller's clients (§5). The query filters show only the reseller's own clients, and to a
/// ResellerUser only those of their operators, so any other id is a 404 without a check here. The
/// provider's staff see every reseller's clients, with the reseller named, and change nothing.
/// </summary>
[Authorize(Policy = Policies.RecordViewers)]
[Route("clients")]
public sealed class ClientsController(PortalDbContext db, ClientList list) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? status, string? sort, string? after, string? before, Guid? reseller, string? balance, string? runway, CancellationToken ct) =>
        View(await list.PageAsync(new ClientFilter(q, status, sort, after, before, reseller, balance, runway), ct));

    [HttpGet("export.csv")]
    public async Task ExportCsv(string? q, string? status, string? sort, Guid? reseller, string? balance, string? runway, CancellationToken ct)
    {
        var resellers = await ResellerNames.ForPlatformAsync(db, ct);
        PrepareDownload("text/csv; charset=utf-8", "clients.csv");
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(false), 64 * 1024);
        await ClientCsv.WriteAsync(writer, list.ExportAsync(new ClientFilter(q, status, sort, Reseller: reseller, Balance: balance, Runway: runway)), resellers, ct);
    }

    [HttpGet("export.xml")]
    public async Task ExportXml(string? q, string? status, string? sort, Guid? reseller, string? balance, string? runway, CancellationToken ct)
    {
        var resellers = await ResellerNames.ForPlatformAsync(db, ct);
        PrepareDownload("application/xml; charset=utf-8", "clients.xml");
        await ClientXml.WriteAsync(Response.Body, list.ExportAsync(new ClientFilter(q, status, sort, Reseller: reseller, Balance: balance, Runway: runway)), resellers, ct);
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpGet("new")]
    public async Task<IActionResult> Create([FromServices] CreateClient create, CancellationToken ct) =>
        View("Edit", await create.NewFormAsync(ct));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("new")]
    public Task<IActionResult> Create(ClientForm form, [FromServices] CreateClient create, CancellationToken ct) =>
        this.SubmitAsync(form, () => create.HandleAsync(form, ct),
            done: client => new GoTo($"/clients/{client.Id}", $"Client {client.DisplayName} created."),
            reshow: () => ShowFormAsync(form, null, ct));

    [HttpGet("{id:guid}")]
    public Task<IActionResult> Details(Guid id, [FromServices] ShowClient show, CancellationToken ct) =>
        this.ShowAsync(show.HandleAsync(id, null, TempData["NoteText"] as string, TempData["NoteError"] as string, ct), model => View(model));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpGet("{id:guid}/edit")]
    public Task<IActionResult> Edit(Guid id, [FromServices] EditClient edit, CancellationToken ct) =>
        this.ShowAsync(edit.LoadAsync(id, ct), form => View("Edit", form));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/edit")]
    public Task<IActionResult> Edit(Guid id, ClientForm form, [FromServices] EditClient edit, CancellationToken ct) =>
        this.SubmitAsync(form, () => edit.HandleAsync(id, form, ct),
            done: _ => new GoTo($"/clients/{id}", "Client saved."),
            reshow: () => ShowFormAsync(form, id, ct));

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/activate")]
    public Task<IActionResult> Activate(Guid id, [FromServices] ChangeClientStatus change, CancellationToken ct) =>
        this.ActAsync(() => change.HandleAsync(id, ClientStatus.Active, ct), client => new GoTo($"/clients/{id}", $"Client {client.DisplayName} activated."), back: $"/clients/{id}");

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/suspend")]
    public Task<IActionResult> Suspend(Guid id, [FromServices] ChangeClientStatus change, CancellationToken ct) =>
        this.ActAsync(() => change.HandleAsync(id, ClientStatus.Suspended, ct), client => new GoTo($"/clients/{id}", $"Client {client.DisplayName} suspended."), back: $"/clients/{id}");

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/block")]
    public Task<IActionResult> Block(Guid id, [FromServices] ChangeClientStatus change, CancellationToken ct) =>
        this.ActAsync(() => change.HandleAsync(id, ClientStatus.Blocked, ct), client => new GoTo($"/clients/{id}", $"Client {client.DisplayName} blocked."), back: $"/clients/{id}");

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/delete")]
    public Task<IActionResult> Delete(Guid id, [FromServices] DeleteClient delete, CancellationToken ct) =>
        this.ActAsync(() => delete.HandleAsync(id, ct), client => new GoTo("/clients", $"Client {client.DisplayName} deleted."), back: $"/clients/{id}");

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/transactions")]
    public Task<IActionResult> Transaction(
        Guid id, [Bind(Prefix = "Transaction")] TransactionForm form, [FromServices] RecordTransaction record, [FromServices] ShowClient show, CancellationToken ct) =>
        this.SubmitAsync(form, () => record.HandleAsync(id, form, ct),
            done: client => new GoTo($"/clients/{id}", $"{form.Kind} of {form.Amount!.Value.ToString("0.00##", CultureInfo.InvariantCulture)} {client.Currency} recorded."),
            reshow: () => this.ShowAsync(show.HandleAsync(id, form, null, null, ct), model => View(nameof(Details), model)),
            prefix: "Transaction");

    private async Task<IActionResult> ShowFormAsync(ClientForm form, Guid? id, CancellationToken ct)
    {
        form.Id = id;
        await form.FillChoicesAsync(db, ct);
        return View("Edit", form);
    }

    private void PrepareDownload(string contentType, string fileName)
    {
        Response.ContentType = contentType;
        Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
    }
}
