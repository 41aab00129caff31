using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Domain.Rating;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Records;
using ResellerPortal.Web.Infrastructure;

namespace ResellerPortal.Web.Features.Packages;

public sealed record PackageRow(Guid Id, string Name, string Currency, decimal MarkupFixed, decimal MarkupPercent, int PulseFirst, int PulseNext, decimal MonthlyFee, int SubAccounts, Guid ResellerId);

/// <summary>The package list; <see cref="Resellers"/> is set for the provider's staff, who see every reseller's packages.</summary>
public sealed record PackageListModel(IReadOnlyList<PackageRow> Rows, ResellerNames? Resellers, Guid? Reseller);

/// <summary>A worked example on the package page: what a one-minute call to a destination costs and sells for.</summary>
public sealed record RateExample(decimal CostPerMinute, RatedCall Call);

public sealed record PackageDetailsModel(Package Package, int SubAccounts, IReadOnlyList<RateExample> Examples, RecordPanelModel Record);

/// <summary>
/// The reseller's packages (§5): create, edit, copy, delete (refused while a sub-account uses it). The
/// provider's staff see every reseller's packages and change nothing.
/// </summary>
[Authorize(Policy = Policies.RecordViewers)]
[Route("packages")]
public sealed class PackagesController(PortalDbContext db, RecordPanels panels, TimeProvider clock) : Controller
{
    private static readonly string[] OperatorScopeOnly = [PortalDbContext.OperatorScopeFilter];
    private static readonly decimal[] ExampleCosts = [0.009m, 0.02m, 0.1m];

    [HttpGet("")]
    public async Task<IActionResult> Index(Guid? reseller, CancellationToken ct)
    {
        var resellers = await ResellerNames.ForPlatformAsync(db, ct);
        var packages = db.Packages.AsNoTracking();
        if (reseller is { } resellerId)
        {
            packages = packages.Where(p => p.ResellerId == resellerId);
        }

        var rows = await packages.OrderBy(p => p.Name)
            .Select(p => new PackageRow(p.Id, p.Name, p.Currency, p.MarkupFixed, p.MarkupPercent, p.PulseFirst, p.PulseNext, p.MonthlyFee,
                db.SubAccounts.IgnoreQueryFilters(OperatorScopeOnly).Count(s => s.PackageId == p.Id), p.ResellerId))
            .ToListAsync(ct);
        return View(new PackageListModel(rows, resellers, reseller));
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpGet("new")]
    public IActionResult Create() => View("Edit", new PackageForm
    {
        Services = [ClientServices.SubAccounts, ClientServices.Dids, ClientServices.Voicemail, ClientServices.Cdr, ClientServices.Balance],
    });

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("new")]
    public async Task<IActionResult> Create(PackageForm form, CancellationToken ct)
    {
        form.Id = null;
        if (!ModelState.IsValid)
        {
            return View("Edit", form);
        }

        var package = new Package(db.Tenant.ResellerId!.Value, form.Name!, form.Currency!, clock.GetUtcNow());
        form.ApplyTo(package);
        db.Packages.Add(package);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Package {package.Name} created.";
        return RedirectToAction(nameof(Details), new { id = package.Id });
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var package = await db.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (package is null)
        {
            return NotFound();
        }

        var examples = ExampleCosts
            .Select(cost => new RateExample(cost, RatingEngine.Rate(package.Terms, new CallToRate("+10000000000", 60, CallDirection.Outbound, cost))))
            .ToList();
        var record = await panels.LoadAsync(RecordTypes.Package, id, TempData["NoteText"] as string, TempData["NoteError"] as string, ct);
        return View(new PackageDetailsModel(package, await UsageAsync(id, ct), examples, record));
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var package = await db.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        return package is null ? NotFound() : View("Edit", PackageForm.From(package));
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/edit")]
    [ValidatesInAction]
    public async Task<IActionResult> Edit(Guid id, PackageForm form, CancellationToken ct)
    {
        var package = await db.Packages.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (package is null)
        {
            return NotFound();
        }

        form.Id = id;
        await this.ValidateAsync(form, ct);

        if (ModelState.IsValid && !string.Equals(form.Currency!.Trim(), package.Currency, StringComparison.OrdinalIgnoreCase) && await UsageAsync(id, ct) > 0)
        {
            ModelState.AddModelError(nameof(PackageForm.Currency), "Sub-accounts use this package in its currency; copy it to offer it in another.");
        }

        if (!ModelState.IsValid)
        {
            return View("Edit", form);
        }

        form.ApplyTo(package);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "Package saved.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/copy")]
    public async Task<IActionResult> Copy(Guid id, CancellationToken ct)
    {
        var package = await db.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (package is null)
        {
            return NotFound();
        }

        var name = await FreeCopyNameAsync(package.Name, ct);
        var copy = package.CopyAs(name, clock.GetUtcNow());
        db.Packages.Add(copy);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Copied as {copy.Name}.";
        return RedirectToAction(nameof(Edit), new { id = copy.Id });
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("{id:guid}/delete")]
    public async Task<IActionResult> Delete(Guid id, CancellationToken ct)
    {
        var package = await db.Packages.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (package is null)
        {
            return NotFound();
        }

        var usage = await UsageAsync(id, ct);
        if (usage > 0)
        {
            TempData["Error"] = $"{usage} sub-account{(usage == 1 ? " uses" : "s use")} this package. Assign them another package first.";
            return RedirectToAction(nameof(Details), new { id });
        }

        db.Packages.Remove(package);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Package {package.Name} deleted.";
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Sub-accounts using the package, across every operator: what is in use matters, not what this user sees.</summary>
    private Task<int> UsageAsync(Guid id, CancellationToken ct) =>
        db.SubAccounts.IgnoreQueryFilters([PortalDbContext.OperatorScopeFilter]).CountAsync(s => s.PackageId == id, ct);

    private async Task<string> FreeCopyNameAsync(string name, CancellationToken ct)
    {
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? " (copy)" : $" (copy {n})";
            var candidate = (name.Length + suffix.Length > Package.NameMaxLength ? name[..(Package.NameMaxLength - suffix.Length)] : name) + suffix;
            if (!await db.Packages.AnyAsync(p => p.Name == candidate, ct))
            {
                return candidate;
            }
        }
    }
}
