using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ResellerPortal.Domain.Money;
using ResellerPortal.Domain.Packages;

namespace ResellerPortal.Web.Features.Packages;

/// <summary>Every field of the manual's package tabs (seed 003 "Manage Rates and Packages": details, fees, free minutes, per-area rates, free zones, services).</summary>
public sealed class PackageForm
{
    /// <summary>The package edited (null: a new one); set from the route, never from the posted form.</summary>
    [BindNever]
    public Guid? Id { get; set; }

    public string? Name { get; set; }

    public string? Currency { get; set; } = "EUR";

    public decimal MarkupFixed { get; set; }

    public decimal MarkupPercent { get; set; }

    public int PulseFirst { get; set; } = 60;

    public int PulseNext { get; set; } = 60;

    public TerminationRoute Route { get; set; }

    public bool FreeOnNetCalls { get; set; }

    public decimal MonthlyFee { get; set; }

    public decimal SetupFee { get; set; }

    public int FreeMinutes { get; set; }

    public string? AreaRates { get; set; }

    public string? FreeZones { get; set; }

    public bool UsesPackageServices { get; set; }

    public List<ClientServices> Services { get; set; } = [];

    public ViewSetting ViewSetting { get; set; }

    public bool ClientCanEditSubAccounts { get; set; }

    public static PackageForm From(Package p) => new()
    {
        Id = p.Id,
        Name = p.Name,
        Currency = p.Currency,
        MarkupFixed = p.MarkupFixed,
        MarkupPercent = p.MarkupPercent,
        PulseFirst = p.PulseFirst,
        PulseNext = p.PulseNext,
        Route = p.Route,
        FreeOnNetCalls = p.FreeOnNetCalls,
        MonthlyFee = p.MonthlyFee,
        SetupFee = p.SetupFee,
        FreeMinutes = p.FreeMinutes,
        AreaRates = p.AreaRatesText,
        FreeZones = p.FreeZonesText,
        UsesPackageServices = p.UsesPackageServices,
        ViewSetting = p.ViewSetting,
        ClientCanEditSubAccounts = p.ClientCanEditSubAccounts,
        Services = Enum.GetValues<ClientServices>().Where(s => s != ClientServices.None && p.Services.HasFlag(s)).ToList(),
    };

    public void ApplyTo(Package package)
    {
        package.Rename(Name!);
        package.ChangeCurrency(Currency!);
        package.SetMarkup(MarkupFixed, MarkupPercent);
        package.SetPulse(new Pulse(PulseFirst, PulseNext));
        package.SetRouting(Route, FreeOnNetCalls);
        package.SetFees(MonthlyFee, SetupFee);
        package.SetFreeMinutes(FreeMinutes);
        package.SetAreaRates(PackageLines.ParseAreaRates(AreaRates, out _));
        package.SetFreeZones(PackageLines.ParseFreeZones(FreeZones, out _));
        package.SetServices(UsesPackageServices, Services.Aggregate(ClientServices.None, (all, s) => all | s), ViewSetting, ClientCanEditSubAccounts);
    }
}

public sealed class PackageFormValidator : AbstractValidator<PackageForm>
{
    public PackageFormValidator()
    {
        RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name the package; clients see the name in their transaction history.")
            .MaximumLength(Package.NameMaxLength);
        RuleFor(x => x.Currency).Must(Currencies.IsKnown).WithMessage("Choose an ISO 4217 currency from the list.");
        RuleFor(x => x.MarkupFixed).InclusiveBetween(0m, 100m).WithMessage("Enter a fixed markup per minute of 0 or more (e.g. 0.0025).");
        RuleFor(x => x.MarkupPercent).InclusiveBetween(0m, 10_000m).WithMessage("Enter a percentage of 0 or more (e.g. 20).");
        RuleFor(x => x.PulseFirst).InclusiveBetween(1, Pulse.MaxSeconds).WithMessage("The first increment is 1–3600 seconds (60 bills per minute).");
        RuleFor(x => x.PulseNext).InclusiveBetween(1, Pulse.MaxSeconds).WithMessage("The following increment is 1–3600 seconds (6 bills every 6 seconds).");
        RuleFor(x => x.Route).IsInEnum();
        RuleFor(x => x.ViewSetting).IsInEnum();
        RuleFor(x => x.MonthlyFee).InclusiveBetween(0m, 1_000_000m).WithMessage("Enter a monthly fee of 0 or more.")
            .Must((form, fee) => !Currencies.IsKnown(form.Currency) || Currencies.FitsMinorUnits(fee, form.Currency!))
            .WithMessage(form => $"{form.Currency} amounts have at most {Currencies.MinorUnits(form.Currency!)} decimals.");
        RuleFor(x => x.SetupFee).InclusiveBetween(0m, 1_000_000m).WithMessage("Enter a setup fee of 0 or more.")
            .Must((form, fee) => !Currencies.IsKnown(form.Currency) || Currencies.FitsMinorUnits(fee, form.Currency!))
            .WithMessage(form => $"{form.Currency} amounts have at most {Currencies.MinorUnits(form.Currency!)} decimals.");
        RuleFor(x => x.FreeMinutes).InclusiveBetween(0, 1_000_000).WithMessage("Enter free minutes of 0 or more.");
        RuleFor(x => x.AreaRates).Custom((text, context) =>
        {
            PackageLines.ParseAreaRates(text, out var errors);
            foreach (var error in errors)
            {
                context.AddFailure(nameof(PackageForm.AreaRates), error);
            }
        });
        RuleFor(x => x.FreeZones).Custom((text, context) =>
        {
            PackageLines.ParseFreeZones(text, out var errors);
            foreach (var error in errors)
            {
                context.AddFailure(nameof(PackageForm.FreeZones), error);
            }
        });
        RuleFor(x => x.AreaRates).MaximumLength(Package.LinesMaxLength);
        RuleFor(x => x.FreeZones).MaximumLength(Package.LinesMaxLength);
        RuleForEach(x => x.Services).IsInEnum();
    }
}
