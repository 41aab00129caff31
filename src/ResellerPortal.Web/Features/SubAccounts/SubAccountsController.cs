using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Clients;
using ResellerPortal.Web.Features.Dids;
using ResellerPortal.Web.Features.Records;

namespace ResellerPortal.Web.Features.SubAccounts;

public sealed class SubAccountForm
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public Guid? PackageId { get; set; }

    public bool ChargeSetupFee { get; set; }

    public Guid ClientId { get; set; }

    public string? ClientName { get; set; }

    public IReadOnlyList<(Guid Id, string Name)> Packages { get; set; } = [];
}

public sealed class SubAccountFormValidator : AbstractValidator<SubAccountForm>
{
    public SubAccountFormValidator(PortalDbContext db)
    {
        RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
            .Must(SubAccount.IsValidName).WithMessage("Use 2–40 lower-case letters, digits, dots, dashes or underscores.")
            .MustAsync(async (name, ct) =>
            {
                var normalized = name!.Trim().ToLowerInvariant();
                return !await db.SubAccounts.IgnoreQueryFilters([PortalDbContext.OperatorScopeFilter]).AnyAsync(s => s.Name == normalized, ct);
            }).WithMessage("A sub-account with this name already exists.");
        RuleFor(x => x.Description).MaximumLength(SubAccount.DescriptionMaxLength);
    }
}

public sealed class PackageChoice
{
    public Guid? PackageId { get; set; }

    public bool ChargeSetupFee { get; set; }
}

public sealed record SubAccountDetailsModel(
    SubAccount SubAccount,
    Client? Client,
    Package? Package,
    IReadOnlyList<Did> Dids,
    IReadOnlyList<Package> Packages,
    ConnectDidForm ConnectDid,
    string? MoveEmail,
    string? MoveError,
    RecordPanelModel Record);

/// <summary>
/// Sub-accounts (§5): created under a client, a package assigned, moved, unconnected; DIDs connected to them.
/// The provider's staff see every reseller's and change nothing.
/// </summary>
[Authorize(Policy = Policies.RecordViewers)]
public sealed class SubAccountsController(
    PortalDbContext db, ClientAccounts accounts, DidInventory dids, RecordPanels panels, TimeProvider clock) : Controller
{
    [Authorize(Policy = Policies.RecordEditors)]
    [HttpGet("/clients/{clientId:guid}/subaccounts/new")]
    public async Task<IActionResult> Create(Guid clientId, CancellationToken ct)
    {
        var form = new SubAccountForm { ClientId = clientId };
        return await FillAsync(form, ct) ? View("Create", form) : NotFound();
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/clients/{clientId:guid}/subaccounts/new")]
    public async Task<IActionResult> Create(Guid clientId, SubAccountForm form, CancellationToken ct)
    {
        form.ClientId = clientId;
        if (!await FillAsync(form, ct))
        {
            return NotFound();
        }

        var client = (await accounts.FindAsync(clientId, ct))!;
        Package? package = null;
        if (form.PackageId is { } packageId)
        {
            package = await db.Packages.SingleOrDefaultAsync(p => p.Id == packageId && p.Currency == client.Currency, ct);
            if (package is null)
            {
                ModelState.AddModelError(nameof(SubAccountForm.PackageId), $"Choose a package in {client.Currency}, the client's currency.");
            }
        }

        if (!ModelState.IsValid)
        {
            return View("Create", form);
        }

        var now = clock.GetUtcNow();
        var sub = new SubAccount(client.ResellerId, form.Name!, form.Description ?? string.Empty, now);
        sub.ConnectTo(client.Id, now);
        db.SubAccounts.Add(sub);
        if (package is not null)
        {
            await accounts.AssignPackageAsync(client, sub, package, form.ChargeSetupFee, now, ct);
        }

        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Sub-account {sub.Name} created.";
        return Redirect($"/subaccounts/{sub.Id}");
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/clients/{clientId:guid}/subaccounts/connect")]
    public async Task<IActionResult> Connect(Guid clientId, Guid subAccountId, CancellationToken ct)
    {
        var client = await accounts.FindAsync(clientId, ct);
        var sub = await db.SubAccounts.SingleOrDefaultAsync(s => s.Id == subAccountId, ct);
        if (client is null || sub is null)
        {
            return NotFound();
        }

        if (sub.IsConnected)
        {
            TempData["Error"] = $"{sub.Name} is already connected to a client.";
        }
        else
        {
            sub.ConnectTo(client.Id, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = $"{sub.Name} connected.";
        }

        return Redirect($"/clients/{clientId}");
    }

    [HttpGet("/subaccounts/{id:guid}")]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var model = await DetailsAsync(id, null, null, null, ct);
        return model is null ? NotFound() : View(model);
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/subaccounts/{id:guid}/package")]
    public async Task<IActionResult> AssignPackage(Guid id, PackageChoice choice, CancellationToken ct)
    {
        var sub = await db.SubAccounts.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (sub is null)
        {
            return NotFound();
        }

        var client = sub.ClientId is { } cid ? await accounts.FindAsync(cid, ct) : null;
        if (client is null)
        {
            TempData["Error"] = "Connect the sub-account to a client before assigning a package.";
            return Redirect($"/subaccounts/{id}");
        }

        if (choice.PackageId is null)
        {
            sub.AssignPackage(null);
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = "Package removed.";
            return Redirect($"/subaccounts/{id}");
        }

        var package = await db.Packages.SingleOrDefaultAsync(p => p.Id == choice.PackageId && p.Currency == client.Currency, ct);
        if (package is null)
        {
            TempData["Error"] = $"Choose a package in {client.Currency}, the client's currency.";
            return Redirect($"/subaccounts/{id}");
        }

        await accounts.AssignPackageAsync(client, sub, package, choice.ChargeSetupFee, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Package {package.Name} assigned.";
        return Redirect($"/subaccounts/{id}");
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/subaccounts/{id:guid}/move")]
    public async Task<IActionResult> Move(Guid id, string? clientEmail, CancellationToken ct)
    {
        var sub = await db.SubAccounts.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (sub is null)
        {
            return NotFound();
        }

        var email = clientEmail?.Trim().ToLowerInvariant();
        var target = string.IsNullOrEmpty(email) ? null : await db.Clients.SingleOrDefaultAsync(c => c.Email == email, ct);
        var current = sub.ClientId is { } cid ? await db.Clients.SingleOrDefaultAsync(c => c.Id == cid, ct) : null;
        var package = sub.PackageId is { } pid ? await db.Packages.SingleOrDefaultAsync(p => p.Id == pid, ct) : null;
        var error = string.IsNullOrEmpty(email) ? "Enter the email of the client to move it to."
            : target is null ? "None of your clients has this email."
            : target.Id == sub.ClientId ? "The sub-account is already with this client."
            : package is not null && package.Currency != target.Currency ? $"Its package is in {package.Currency} but that client is billed in {target.Currency}; change the package first."
            : null;
        if (error is not null)
        {
            return View(nameof(Details), await DetailsAsync(id, null, clientEmail, error, ct));
        }

        // Its DIDs go with it: they hang off the sub-account.
        sub.ConnectTo(target!.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"{sub.Name} moved from {current?.DisplayName ?? "no client"} to {target.DisplayName}.";
        return Redirect($"/subaccounts/{id}");
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/subaccounts/{id:guid}/unconnect")]
    public async Task<IActionResult> Unconnect(Guid id, CancellationToken ct)
    {
        var sub = await db.SubAccounts.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (sub is null)
        {
            return NotFound();
        }

        var clientId = sub.ClientId;
        var didCount = await db.Dids.IgnoreQueryFilters([PortalDbContext.OperatorScopeFilter]).CountAsync(d => d.SubAccountId == id, ct);
        if (!sub.IsConnected)
        {
            TempData["Error"] = "The sub-account is not connected.";
        }
        else if (didCount > 0)
        {
            TempData["Error"] = $"{didCount} DID{(didCount == 1 ? " is" : "s are")} connected to {sub.Name}. Unconnect them first.";
        }
        else
        {
            sub.Unconnect();
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = $"{sub.Name} unconnected.";
            return Redirect($"/clients/{clientId}");
        }

        return Redirect($"/subaccounts/{id}");
    }

    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/subaccounts/{id:guid}/dids")]
    public async Task<IActionResult> ConnectDid(Guid id, [Bind(Prefix = "ConnectDid")] ConnectDidForm form, CancellationToken ct)
    {
        var sub = await db.SubAccounts.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (sub is null)
        {
            return NotFound();
        }

        ModelState.UnderPrefix("ConnectDid");
        if (ModelState.IsValid && await dids.ConnectAsync(sub, form, ct) is { } refusal)
        {
            ModelState.AddModelError("ConnectDid." + nameof(ConnectDidForm.Number), refusal);
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(Details), await DetailsAsync(id, form, null, null, ct));
        }

        TempData["Flash"] = $"{Domain.PhoneNumber.NormalizeE164(form.Number)} connected to {sub.Name}.";
        return Redirect($"/subaccounts/{id}");
    }

    private async Task<bool> FillAsync(SubAccountForm form, CancellationToken ct)
    {
        var client = await accounts.FindAsync(form.ClientId, ct);
        if (client is null)
        {
            return false;
        }

        form.ClientName = client.DisplayName;
        form.Packages = (await db.Packages.Where(p => p.Currency == client.Currency).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .Select(p => (p.Id, p.Name)).ToList();
        return true;
    }

    private async Task<SubAccountDetailsModel?> DetailsAsync(Guid id, ConnectDidForm? connect, string? moveEmail, string? moveError, CancellationToken ct)
    {
        var sub = await db.SubAccounts.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (sub is null)
        {
            return null;
        }

        var client = sub.ClientId is { } cid ? await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cid, ct) : null;
        var package = sub.PackageId is { } pid ? await db.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pid, ct) : null;
        var connected = await db.Dids.AsNoTracking().Where(d => d.SubAccountId == id).OrderBy(d => d.Number).ToListAsync(ct);
        // The sub-account's own reseller's packages and defaults: the provider's staff see every reseller's.
        var packages = client is null ? [] : await db.Packages.AsNoTracking()
            .Where(p => p.ResellerId == sub.ResellerId && p.Currency == client.Currency).OrderBy(p => p.Name).ToListAsync(ct);
        if (connect is null)
        {
            var terms = await dids.DefaultTermsAsync(sub.ResellerId, ct);
            connect = new ConnectDidForm { SetupFee = terms.SetupFee, MonthlyFee = terms.MonthlyFee, PerMinuteRate = terms.PerMinuteRate, BillingStart = terms.BillingStart };
        }

        var record = await panels.LoadAsync(RecordTypes.SubAccount, id, TempData["NoteText"] as string, TempData["NoteError"] as string, ct);
        return new SubAccountDetailsModel(sub, client, package, connected, packages, connect, moveEmail, moveError, record);
    }
}
