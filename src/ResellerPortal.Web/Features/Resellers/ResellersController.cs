using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Infrastructure;

namespace ResellerPortal.Web.Features.Resellers;

/// <summary>The provider's view of its resellers: Support reads, PlatformAdmin changes.</summary>
[Authorize(Policy = Policies.PlatformStaff)]
[Route("admin")]
public sealed class ResellersController(PortalDbContext db, ResellerAdministration administration) : Controller
{
    [HttpGet("resellers")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var rows = await db.Resellers.OrderBy(r => r.Name)
            .Select(r => new ResellerRow(
                r.Id,
                r.Name,
                r.Slug,
                r.IsActive,
                db.Operators.Count(o => o.ResellerId == r.Id),
                db.Users.Count(u => u.ResellerId == r.Id)))
            .ToListAsync(ct);
        return View(rows);
    }

    [HttpGet("resellers/{id:guid}")]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var reseller = await db.Resellers.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (reseller is null)
        {
            return NotFound();
        }

        var operators = await db.Operators.Where(o => o.ResellerId == id).OrderBy(o => o.Name).ToListAsync(ct);
        var staff = await (
                from u in db.Users
                where u.ResellerId == id
                join ur in db.UserRoles on u.Id equals ur.UserId
                join role in db.Roles on ur.RoleId equals role.Id
                where role.Name != Roles.Client
                orderby u.Email
                select new StaffRow(u.Id, u.Email!, u.DisplayName, role.Name!, u.IsDisabled))
            .ToListAsync(ct);
        return View(new ResellerDetails(reseller, operators, staff));
    }

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpGet("resellers/new")]
    public IActionResult Create() => View("ResellerEdit", new ResellerForm());

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpPost("resellers/new")]
    public async Task<IActionResult> Create(ResellerForm form, CancellationToken ct)
    {
        form.Id = null;
        if (!ModelState.IsValid)
        {
            return View("ResellerEdit", form);
        }

        var reseller = await administration.CreateResellerAsync(form, ct);
        TempData["Flash"] = $"Reseller {reseller.Name} created.";
        return RedirectToAction(nameof(Details), new { id = reseller.Id });
    }

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpGet("resellers/{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var reseller = await db.Resellers.SingleOrDefaultAsync(r => r.Id == id, ct);
        return reseller is null
            ? NotFound()
            : View("ResellerEdit", new ResellerForm { Id = reseller.Id, Name = reseller.Name, Slug = reseller.Slug, IsActive = reseller.IsActive });
    }

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpPost("resellers/{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, ResellerForm form, CancellationToken ct)
    {
        form.Id = id;
        if (!ModelState.IsValid)
        {
            return View("ResellerEdit", form);
        }

        if (!await administration.UpdateResellerAsync(id, form, ct))
        {
            return NotFound();
        }

        TempData["Flash"] = "Reseller saved.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpGet("resellers/{resellerId:guid}/operators/new")]
    public async Task<IActionResult> CreateOperator(Guid resellerId, CancellationToken ct)
    {
        var name = await ResellerNameAsync(resellerId, ct);
        return name is null ? NotFound() : View("OperatorEdit", new OperatorForm { ResellerId = resellerId, ResellerName = name });
    }

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpPost("resellers/{resellerId:guid}/operators/new")]
    public async Task<IActionResult> CreateOperator(Guid resellerId, OperatorForm form, CancellationToken ct)
    {
        form.Id = null;
        form.ResellerId = resellerId;
        form.ResellerName = await ResellerNameAsync(resellerId, ct);
        if (form.ResellerName is null)
        {
            return NotFound();
        }

        await ReadCertificateAsync(form, ct);
        if (!ModelState.IsValid)
        {
            return View("OperatorEdit", form);
        }

        await administration.CreateOperatorAsync(form, ct);
        TempData["Flash"] = $"Operator {form.Name} created.";
        return RedirectToAction(nameof(Details), new { id = resellerId });
    }

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpGet("operators/{id:guid}/edit")]
    public async Task<IActionResult> EditOperator(Guid id, CancellationToken ct)
    {
        var op = await db.Operators.SingleOrDefaultAsync(o => o.Id == id, ct);
        return op is null
            ? NotFound()
            : View("OperatorEdit", new OperatorForm { Id = op.Id, ResellerId = op.ResellerId, ResellerName = await ResellerNameAsync(op.ResellerId, ct), Name = op.Name, Domain = op.Domain, CertificateExpiresOn = op.CertificateExpiresOn });
    }

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpPost("operators/{id:guid}/edit")]
    [ValidatesInAction]
    public async Task<IActionResult> EditOperator(Guid id, OperatorForm form, CancellationToken ct)
    {
        var resellerId = await db.Operators.Where(o => o.Id == id).Select(o => (Guid?)o.ResellerId).SingleOrDefaultAsync(ct);
        if (resellerId is null)
        {
            return NotFound();
        }

        form.Id = id;
        form.ResellerId = resellerId.Value;
        form.ResellerName = await ResellerNameAsync(resellerId.Value, ct);
        await this.ValidateAsync(form, ct);
        await ReadCertificateAsync(form, ct);
        if (!ModelState.IsValid)
        {
            return View("OperatorEdit", form);
        }

        await administration.UpdateOperatorAsync(id, form, ct);
        TempData["Flash"] = "Operator saved.";
        return RedirectToAction(nameof(Details), new { id = resellerId });
    }

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpGet("resellers/{resellerId:guid}/users/new")]
    public async Task<IActionResult> CreateUser(Guid resellerId, CancellationToken ct)
    {
        var form = new UserForm { ResellerId = resellerId };
        return await FillUserFormAsync(form, ct) ? View("UserEdit", form) : NotFound();
    }

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpPost("resellers/{resellerId:guid}/users/new")]
    [ValidatesInAction]
    public async Task<IActionResult> CreateUser(Guid resellerId, UserForm form, CancellationToken ct)
    {
        form.Id = null;
        form.ResellerId = resellerId;
        if (!await FillUserFormAsync(form, ct))
        {
            return NotFound();
        }

        await this.ValidateAsync(form, ct);
        if (ModelState.IsValid)
        {
            var result = await administration.CreateUserAsync(form, ct);
            if (result.Succeeded)
            {
                TempData["Flash"] = $"Login {form.Email} created.";
                return RedirectToAction(nameof(Details), new { id = resellerId });
            }

            AddIdentityErrors(result);
        }

        form.Password = null;
        return View("UserEdit", form);
    }

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpGet("users/{id:guid}/edit")]
    public async Task<IActionResult> EditUser(Guid id, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id && u.ResellerId != null, ct);
        if (user is null)
        {
            return NotFound();
        }

        var role = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name).FirstAsync(ct);
        if (role == Roles.Client)
        {
            return NotFound();
        }

        var form = new UserForm
        {
            Id = user.Id,
            ResellerId = user.ResellerId!.Value,
            Email = user.Email ?? string.Empty,
            DisplayName = user.DisplayName,
            Role = role,
            IsDisabled = user.IsDisabled,
            OperatorIds = await db.OperatorAssignments.Where(a => a.UserId == id).Select(a => a.OperatorId).ToListAsync(ct),
        };
        await FillUserFormAsync(form, ct);
        return View("UserEdit", form);
    }

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpPost("users/{id:guid}/edit")]
    [ValidatesInAction]
    public async Task<IActionResult> EditUser(Guid id, UserForm form, CancellationToken ct)
    {
        var resellerId = await db.Users.Where(u => u.Id == id).Select(u => u.ResellerId).SingleOrDefaultAsync(ct);
        if (resellerId is null)
        {
            return NotFound();
        }

        form.Id = id;
        form.ResellerId = resellerId.Value;
        await FillUserFormAsync(form, ct);
        await this.ValidateAsync(form, ct);
        if (ModelState.IsValid)
        {
            var result = await administration.UpdateUserAsync(id, form, ct);
            if (result is null)
            {
                return NotFound();
            }

            if (result.Succeeded)
            {
                TempData["Flash"] = $"Login {form.Email} saved.";
                return RedirectToAction(nameof(Details), new { id = resellerId });
            }

            AddIdentityErrors(result);
        }

        form.Password = null;
        return View("UserEdit", form);
    }

    /// <summary>An uploaded certificate sets the expiry date from the certificate itself.</summary>
    private async Task ReadCertificateAsync(OperatorForm form, CancellationToken ct)
    {
        if (form.Certificate is null)
        {
            return;
        }

        var reading = await CertificateFile.ReadAsync(form.Certificate, Operator.NormalizeDomain(form.Domain), ct);
        if (reading.Problem is not null)
        {
            ModelState.AddModelError(nameof(OperatorForm.Certificate), reading.Problem);
        }
        else
        {
            form.CertificateExpiresOn = reading.ExpiresOn;
        }
    }

    private async Task<string?> ResellerNameAsync(Guid resellerId, CancellationToken ct) =>
        await db.Resellers.Where(r => r.Id == resellerId).Select(r => r.Name).SingleOrDefaultAsync(ct);

    private async Task<bool> FillUserFormAsync(UserForm form, CancellationToken ct)
    {
        form.ResellerName = await ResellerNameAsync(form.ResellerId, ct);
        form.AvailableOperators = (await db.Operators.Where(o => o.ResellerId == form.ResellerId).OrderBy(o => o.Name)
                .Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .Select(o => (o.Id, o.Name)).ToList();
        return form.ResellerName is not null;
    }

    private void AddIdentityErrors(IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            var field = error.Code.Contains("Password", StringComparison.Ordinal) ? nameof(UserForm.Password)
                : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? nameof(UserForm.Email)
                : string.Empty;
            ModelState.AddModelError(field, error.Description);
        }
    }
}

public sealed record ResellerRow(Guid Id, string Name, string Slug, bool IsActive, int Operators, int Users);

public sealed record StaffRow(Guid Id, string Email, string DisplayName, string Role, bool IsDisabled);

public sealed record ResellerDetails(Reseller Reseller, IReadOnlyList<Operator> Operators, IReadOnlyList<StaffRow> Staff);
