using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Keys;

public sealed class LicenceEmailForm
{
    public string? LicenceEmail { get; set; }
}

public sealed class LicenceEmailFormValidator : AbstractValidator<LicenceEmailForm>
{
    public LicenceEmailFormValidator()
    {
        RuleFor(x => x.LicenceEmail).MaximumLength(254).EmailAddress().WithMessage("Enter an email address, or leave it empty for the portal's default.");
    }
}

/// <summary>The address the key server mails its note of each activation to (the reseller's; empty: the portal's default).</summary>
public sealed class SetLicenceEmail(PortalDbContext db, IValidator<LicenceEmailForm> validator)
{
    public async Task<LicenceEmailForm> LoadAsync(CancellationToken ct) => new()
    {
        LicenceEmail = await db.Resellers.Where(r => r.Id == db.Tenant.ResellerId).Select(r => r.LicenceEmail).SingleOrDefaultAsync(ct),
    };

    /// <summary>Done: the address now used, or null for the portal's default.</summary>
    public async Task<Result<string?>> HandleAsync(LicenceEmailForm form, CancellationToken ct)
    {
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var reseller = await db.Resellers.SingleOrDefaultAsync(r => r.Id == db.Tenant.ResellerId, ct);
        if (reseller is null)
        {
            return Result.NotFound;
        }

        reseller.SetLicenceEmail(form.LicenceEmail);
        await db.SaveChangesAsync(ct);
        return reseller.LicenceEmail;
    }
}
