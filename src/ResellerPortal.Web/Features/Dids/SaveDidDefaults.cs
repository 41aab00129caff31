using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Dids;

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

/// <summary>The reseller's default terms for new DID connections (§5), created on first save.</summary>
public sealed class SaveDidDefaults(PortalDbContext db, IValidator<DidDefaultsForm> validator, TimeProvider clock)
{
    public async Task<Result<DidDefaultsForm>> LoadAsync(CancellationToken ct)
    {
        var d = await db.DidDefaults.SingleOrDefaultAsync(ct);
        return new DidDefaultsForm { SetupFee = d?.SetupFee ?? 0m, MonthlyFee = d?.MonthlyFee ?? 0m, PerMinuteRate = d?.PerMinuteRate ?? 0m, FreeDays = d?.FreeDays ?? 0 };
    }

    public async Task<Result<DidDefaults>> HandleAsync(DidDefaultsForm form, CancellationToken ct)
    {
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var defaults = await db.DidDefaults.SingleOrDefaultAsync(ct);
        if (defaults is null)
        {
            defaults = new DidDefaults(db.Tenant.ResellerId!.Value, clock.GetUtcNow());
            db.DidDefaults.Add(defaults);
        }

        defaults.Change(form.SetupFee, form.MonthlyFee, form.PerMinuteRate, form.FreeDays);
        await db.SaveChangesAsync(ct);
        return defaults;
    }
}
