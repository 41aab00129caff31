using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Records;

namespace ResellerPortal.Web.Features.Dids;

/// <summary>The list's query string; <c>reseller</c> is for the provider's staff, who see every reseller's numbers.</summary>
public sealed record DidFilter(Guid? Client, string? State, string? Prefix, string? After, Guid? Reseller = null)
{
    public string? PrefixValue => PhoneNumber.NormalizePrefix(Prefix) is { } p ? "+" + p : null;

    public string QueryString(string? after = null)
    {
        var parts = new List<string>();
        if (Client is not null)
        {
            parts.Add("client=" + Client);
        }

        if (Reseller is not null)
        {
            parts.Add("reseller=" + Reseller);
        }

        if (State is "connected" or "free")
        {
            parts.Add("state=" + State);
        }

        if (PrefixValue is { } prefix)
        {
            parts.Add("prefix=" + Uri.EscapeDataString(prefix));
        }

        if (after is not null)
        {
            parts.Add("after=" + Uri.EscapeDataString(after));
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }
}

public sealed record DidRow(Guid Id, string Number, string Description, string? SubAccount, Guid? ClientId, string? ClientName, decimal MonthlyFee, DateOnly? BillingStart, Guid ResellerId);

public sealed record DidListModel(DidFilter Filter, IReadOnlyList<DidRow> Rows, string? Next, string? ClientName, ResellerNames? Resellers);

public sealed record DidDetailsModel(Did Did, string? SubAccountName, Guid? ClientId, string? ClientName, string? SwapNumber, string? SwapError, RecordPanelModel Record);

public sealed class DidDefaultsForm
{
    public decimal SetupFee { get; set; }

    public decimal MonthlyFee { get; set; }

    public decimal PerMinuteRate { get; set; }

    public int FreeDays { get; set; }
}

public sealed class DidDefaultsFormValidator : AbstractValidator<DidDefaultsForm>
{
    public DidDefaultsFormValidator()
    {
        RuleFor(x => x.SetupFee).InclusiveBetween(0m, 100_000m).WithMessage("Enter a fee of 0 or more.");
        RuleFor(x => x.MonthlyFee).InclusiveBetween(0m, 100_000m).WithMessage("Enter a fee of 0 or more.");
        RuleFor(x => x.PerMinuteRate).InclusiveBetween(0m, 1000m).WithMessage("Enter a rate of 0 or more.");
        RuleFor(x => x.FreeDays).InclusiveBetween(0, 366).WithMessage("Enter 0–366 days.");
    }
}

/// <summary>
/// The reseller's DIDs (§5). Numbers are listed by number with keyset paging; the prefix filter is an index range.
/// The provider's staff see every reseller's numbers (a number belongs to one reseller) and change nothing.
/// </summary>
[Authorize(Policy = Policies.RecordViewers)]
[Route("dids")]
public sealed class DidsController(PortalDbContext db, DidInventory inventory, RecordPanels panels, TimeProvider clock) : Controller
{
    public const int PageSize = 100;

    [HttpGet("")]
    public async Task<IActionResult> Index(Guid? client, string? state, string? prefix, string? after, Guid? reseller, CancellationToken ct)
    {
        var filter = new DidFilter(client, state, prefix, after, reseller);
        var resellers = await ResellerNames.ForPlatformAsync(db, ct);
        var query = db.Dids.AsNoTracking();
        if (reseller is { } resellerId)
        {
            query = query.Where(d => d.ResellerId == resellerId);
        }

        if (filter.PrefixValue is { } p)
        {
            // A LIKE prefix on a C-collated column is an index range scan.
            query = query.Where(d => EF.Functions.Like(d.Number, p + "%"));
        }

        if (state == "connected")
        {
            query = query.Where(d => d.SubAccountId != null);
        }
        else if (state == "free")
        {
            query = query.Where(d => d.SubAccountId == null);
        }

        if (client is { } clientId)
        {
            query = query.Where(d => db.SubAccounts.Any(s => s.Id == d.SubAccountId && s.ClientId == clientId));
        }

        if (!string.IsNullOrEmpty(after) && after.Length <= PhoneNumber.MaxLength)
        {
#pragma warning disable CA1309 // Runs in SQL on the C-collated column, where the comparison is ordinal; EF translates only this overload.
            query = query.Where(d => string.Compare(d.Number, after) > 0);
#pragma warning restore CA1309
        }

        var rows = await (from d in query.OrderBy(d => d.Number).Take(PageSize + 1)
                          join s in db.SubAccounts on d.SubAccountId equals s.Id into subs
                          from s in subs.DefaultIfEmpty()
                          join c in db.Clients on s.ClientId equals c.Id into clients
                          from c in clients.DefaultIfEmpty()
                          orderby d.Number
                          select new DidRow(d.Id, d.Number, d.Description, s == null ? null : s.Name, c == null ? null : c.Id,
                              c == null ? null : c.FirstName + " " + c.LastName, d.MonthlyFee, d.BillingStart, d.ResellerId))
            .ToListAsync(ct);
        var next = rows.Count > PageSize ? rows[PageSize - 1].Number : null;
        var clientName = client is null ? null : await db.Clients.Where(c => c.Id == client).Select(c => c.FirstName + " " + c.LastName).SingleOrDefaultAsync(ct);
        return View(new DidListModel(filter, rows.Take(PageSize).ToList(), next, clientName, resellers));
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpGet("new")]
    public IActionResult Create() => View(new AddDidsForm());

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("new")]
    public async Task<IActionResult> Create(AddDidsForm form, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var (added, refusal) = await inventory.AddAsync(form, ct);
            if (refusal is null)
            {
                TempData["Flash"] = added == 1 ? $"{PhoneNumber.NormalizeE164(form.First)} added." : $"{added:N0} numbers added.";
                var first = PhoneNumber.NormalizeE164(form.First)!;
                return Redirect("/dids?prefix=" + Uri.EscapeDataString(first[..Math.Min(6, first.Length)]));
            }

            ModelState.AddModelError(string.IsNullOrWhiteSpace(form.Last) ? nameof(AddDidsForm.First) : nameof(AddDidsForm.Last), refusal);
        }

        return View(form);
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var model = await DetailsAsync(id, null, null, ct);
        return model is null ? NotFound() : View(model);
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/unconnect")]
    public async Task<IActionResult> Unconnect(Guid id, CancellationToken ct)
    {
        var did = await db.Dids.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (did is null)
        {
            return NotFound();
        }

        if (!did.IsConnected)
        {
            TempData["Error"] = $"{did.Number} is not connected.";
        }
        else
        {
            did.Unconnect();
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = $"{did.Number} unconnected; it is free again.";
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/swap")]
    public async Task<IActionResult> Swap(Guid id, string? replacement, CancellationToken ct)
    {
        var did = await db.Dids.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (did is null)
        {
            return NotFound();
        }

        var number = PhoneNumber.NormalizeE164(replacement);
        var other = number is null ? null : await db.Dids.SingleOrDefaultAsync(d => d.Number == number, ct);
        var error = !did.IsConnected ? $"{did.Number} is not connected, so there is nothing to swap."
            : number is null ? $"{PhoneNumber.Problem(replacement)} Enter the replacement number in E.164, e.g. +442079460001."
            : other is null ? "You hold no such number."
            : other.IsConnected ? $"{other.Number} is already connected."
            : null;
        if (error is not null)
        {
            return View(nameof(Details), await DetailsAsync(id, replacement, error, ct));
        }

        did.SwapWith(other!, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"{other!.Number} now replaces {did.Number}.";
        return RedirectToAction(nameof(Details), new { id = other.Id });
    }

    [Authorize(Policy = Policies.ResellerAdmin)]
    [HttpGet("defaults")]
    public async Task<IActionResult> Defaults(CancellationToken ct)
    {
        var d = await db.DidDefaults.SingleOrDefaultAsync(ct);
        return View(new DidDefaultsForm { SetupFee = d?.SetupFee ?? 0m, MonthlyFee = d?.MonthlyFee ?? 0m, PerMinuteRate = d?.PerMinuteRate ?? 0m, FreeDays = d?.FreeDays ?? 0 });
    }

    [Authorize(Policy = Policies.ResellerAdmin)]
    [HttpPost("defaults")]
    public async Task<IActionResult> Defaults(DidDefaultsForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var defaults = await db.DidDefaults.SingleOrDefaultAsync(ct);
        if (defaults is null)
        {
            defaults = new DidDefaults(db.Tenant.ResellerId!.Value, clock.GetUtcNow());
            db.DidDefaults.Add(defaults);
        }

        defaults.Change(form.SetupFee, form.MonthlyFee, form.PerMinuteRate, form.FreeDays);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "DID defaults saved.";
        return RedirectToAction(nameof(Index));
    }

    private async Task<DidDetailsModel?> DetailsAsync(Guid id, string? swapNumber, string? swapError, CancellationToken ct)
    {
        var did = await db.Dids.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (did is null)
        {
            return null;
        }

        var owner = did.SubAccountId is null ? null : await (
                from s in db.SubAccounts
                where s.Id == did.SubAccountId
                join c in db.Clients on s.ClientId equals c.Id into clients
                from c in clients.DefaultIfEmpty()
                select new { s.Name, ClientId = c == null ? (Guid?)null : c.Id, ClientName = c == null ? null : c.FirstName + " " + c.LastName })
            .SingleOrDefaultAsync(ct);
        var record = await panels.LoadAsync(RecordTypes.Did, id, TempData["NoteText"] as string, TempData["NoteError"] as string, ct);
        return new DidDetailsModel(did, owner?.Name, owner?.ClientId, owner?.ClientName, swapNumber, swapError, record);
    }
}
