using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Records;
using ResellerPortal.Web.Infrastructure;

namespace ResellerPortal.Web.Features.Clients;

/// <summary>
/// The reseller's clients (§5). The query filters show only the reseller's own clients, and to a
/// ResellerUser only those of their operators, so any other id is a 404 without a check here. The
/// provider's staff see every reseller's clients, with the reseller named, and change nothing.
/// </summary>
[Authorize(Policy = Policies.RecordViewers)]
[Route("clients")]
public sealed class ClientsController(PortalDbContext db, ClientList list, ClientAccounts accounts, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? status, string? sort, string? after, string? before, Guid? reseller, CancellationToken ct) =>
        View(await list.PageAsync(new ClientFilter(q, status, sort, after, before, reseller), ct));

    [HttpGet("export.csv")]
    public async Task ExportCsv(string? q, string? status, string? sort, Guid? reseller, CancellationToken ct)
    {
        var resellers = await ResellerNames.ForPlatformAsync(db, ct);
        PrepareDownload("text/csv; charset=utf-8", "clients.csv");
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(false), 64 * 1024);
        await ClientCsv.WriteAsync(writer, list.ExportAsync(new ClientFilter(q, status, sort, Reseller: reseller)), resellers, ct);
    }

    [HttpGet("export.xml")]
    public async Task ExportXml(string? q, string? status, string? sort, Guid? reseller, CancellationToken ct)
    {
        var resellers = await ResellerNames.ForPlatformAsync(db, ct);
        PrepareDownload("application/xml; charset=utf-8", "clients.xml");
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true };
        await using var xml = XmlWriter.Create(Response.Body, settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "clients", null);
        await foreach (var row in list.ExportAsync(new ClientFilter(q, status, sort, Reseller: reseller)).WithCancellation(ct))
        {
            await xml.WriteStartElementAsync(null, "client", null);
            await xml.WriteAttributeStringAsync(null, "id", null, row.Id.ToString());
            await xml.WriteAttributeStringAsync(null, "status", null, Client.Label(row.Status));
            if (resellers is not null)
            {
                await xml.WriteAttributeStringAsync(null, "reseller", null, resellers.Of(row.ResellerId));
            }

            await Element(xml, "firstName", row.FirstName);
            await Element(xml, "lastName", row.LastName);
            await Element(xml, "company", row.Company);
            await Element(xml, "address", row.Address);
            await Element(xml, "city", row.City);
            await Element(xml, "state", row.State);
            await Element(xml, "country", row.Country);
            await Element(xml, "zip", row.Zip);
            await Element(xml, "email", row.Email);
            await Element(xml, "phone", row.Phone);
            await Element(xml, "currency", row.Currency);
            await Element(xml, "vatNumber", row.VatNumber);
            await Element(xml, "nextBillingDate", row.NextBillingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await Element(xml, "balanceManagement", row.BalanceManagement.ToString().ToUpperInvariant());
            await Element(xml, "lowBalanceThreshold", row.LowBalanceThreshold?.ToString(CultureInfo.InvariantCulture));
            await Element(xml, "lowBalanceEmail", row.LowBalanceEmail);
            await Element(xml, "balance", row.Balance.ToString(CultureInfo.InvariantCulture));
            await Element(xml, "createdAt", row.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpGet("new")]
    public async Task<IActionResult> Create(CancellationToken ct)
    {
        var form = new ClientForm { NextBillingDate = FirstOfNextMonth() };
        await FillAsync(form, ct);
        form.OperatorId = form.Operators.Count > 0 ? form.Operators[0].Id : Guid.Empty;
        return View("Edit", form);
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("new")]
    public async Task<IActionResult> Create(ClientForm form, CancellationToken ct)
    {
        form.Id = null;
        if (!ModelState.IsValid)
        {
            await FillAsync(form, ct);
            return View("Edit", form);
        }

        var client = await accounts.CreateAsync(form, ct);
        TempData["Flash"] = $"Client {client.DisplayName} created.";
        return RedirectToAction(nameof(Details), new { id = client.Id });
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var client = await accounts.FindAsync(id, ct);
        return client is null
            ? NotFound()
            : View(await accounts.DetailsAsync(client, null, TempData["NoteText"] as string, TempData["NoteError"] as string, ct));
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var client = await accounts.FindAsync(id, ct);
        if (client is null)
        {
            return NotFound();
        }

        var form = new ClientForm
        {
            Id = client.Id,
            OperatorId = client.OperatorId,
            FirstName = client.FirstName,
            LastName = client.LastName,
            Company = client.Company,
            Address = client.Address,
            City = client.City,
            State = client.State,
            Country = client.Country,
            Zip = client.Zip,
            Email = client.Email,
            Phone = Domain.PhoneNumber.Display(client.Phone),
            Currency = client.Currency,
            VatNumber = client.VatNumber,
            NextBillingDate = client.NextBillingDate,
            BalanceManagement = client.BalanceManagement,
            LowBalanceThreshold = client.LowBalanceThreshold,
            LowBalanceEmail = client.LowBalanceEmail,
            StartInWait = client.Status == ClientStatus.Wait,
        };
        await FillAsync(form, ct);
        return View("Edit", form);
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/edit")]
    [ValidatesInAction]
    public async Task<IActionResult> Edit(Guid id, ClientForm form, CancellationToken ct)
    {
        var client = await accounts.FindAsync(id, ct);
        if (client is null)
        {
            return NotFound();
        }

        form.Id = id;
        form.StartInWait = client.Status == ClientStatus.Wait;
        form.SubAccountName = null;
        form.PackageId = null;
        await this.ValidateAsync(form, ct);
        if (ModelState.IsValid && await accounts.RefusalToChangeCurrencyAsync(client, form.Currency, ct) is { } refusal)
        {
            ModelState.AddModelError(nameof(ClientForm.Currency), refusal);
        }

        if (!ModelState.IsValid)
        {
            await FillAsync(form, ct);
            return View("Edit", form);
        }

        await accounts.UpdateAsync(client, form, ct);
        TempData["Flash"] = "Client saved.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/activate")]
    public Task<IActionResult> Activate(Guid id, CancellationToken ct) => ApplyAsync(id, ClientAction.Activate, "activated", ct);

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/suspend")]
    public Task<IActionResult> Suspend(Guid id, CancellationToken ct) => ApplyAsync(id, ClientAction.Suspend, "suspended", ct);

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/block")]
    public Task<IActionResult> Block(Guid id, CancellationToken ct) => ApplyAsync(id, ClientAction.Block, "blocked", ct);

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/delete")]
    public async Task<IActionResult> Delete(Guid id, CancellationToken ct)
    {
        var client = await accounts.FindAsync(id, ct);
        if (client is null)
        {
            return NotFound();
        }

        if (await accounts.DeleteAsync(client, ct) is { } refusal)
        {
            TempData["Error"] = refusal;
            return RedirectToAction(nameof(Details), new { id });
        }

        TempData["Flash"] = $"Client {client.DisplayName} deleted.";
        return RedirectToAction(nameof(Index));
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/transactions")]
    public async Task<IActionResult> Transaction(Guid id, [Bind(Prefix = "Transaction")] TransactionForm form, CancellationToken ct)
    {
        var client = await accounts.FindAsync(id, ct);
        if (client is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            ModelState.UnderPrefix("Transaction");
            return View(nameof(Details), await accounts.DetailsAsync(client, form, null, null, ct));
        }

        await accounts.RecordAsync(client, form, ct);
        TempData["Flash"] = $"{form.Kind} of {form.Amount!.Value.ToString("0.00##", CultureInfo.InvariantCulture)} {client.Currency} recorded.";
        return RedirectToAction(nameof(Details), new { id });
    }

    private async Task<IActionResult> ApplyAsync(Guid id, ClientAction action, string done, CancellationToken ct)
    {
        var client = await accounts.FindAsync(id, ct);
        if (client is null)
        {
            return NotFound();
        }

        if (await accounts.ApplyAsync(client, action, ct) is { } refusal)
        {
            TempData["Error"] = refusal;
        }
        else
        {
            TempData["Flash"] = $"Client {client.DisplayName} {done}.";
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    private void PrepareDownload(string contentType, string fileName)
    {
        Response.ContentType = contentType;
        Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    private static async Task Element(XmlWriter xml, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            await xml.WriteElementStringAsync(null, name, null, value);
        }
    }

    private DateOnly FirstOfNextMonth()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return new DateOnly(today.Year, today.Month, 1).AddMonths(1);
    }

    private async Task FillAsync(ClientForm form, CancellationToken ct)
    {
        form.Operators = (await db.Operators.OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct)).Select(o => (o.Id, o.Name)).ToList();
        form.Packages = (await db.Packages.OrderBy(p => p.Name).Select(p => new { p.Id, p.Name, p.Currency }).ToListAsync(ct))
            .Select(p => (p.Id, p.Name, p.Currency)).ToList();
    }
}
