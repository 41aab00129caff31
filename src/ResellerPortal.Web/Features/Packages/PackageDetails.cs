using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Domain.Rating;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Records;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Packages;

/// <summary>A worked example on the package page: what a one-minute call to a destination costs and sells for.</summary>
public sealed record RateExample(decimal CostPerMinute, RatedCall Call);

public sealed record PackageDetailsModel(Package Package, int SubAccounts, IReadOnlyList<RateExample> Examples, RecordPanelModel Record);

/// <summary>A package's page: its terms, how many sub-accounts use it, and worked examples of its rating.</summary>
public sealed class PackageDetails(PortalDbContext db, RecordPanels panels)
{
    private static readonly decimal[] ExampleCosts = [0.009m, 0.02m, 0.1m];

    public async Task<Result<PackageDetailsModel>> HandleAsync(Guid id, RecordNote note, CancellationToken ct)
    {
        var package = await db.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (package is null)
        {
            return Result.NotFound;
        }

        var examples = ExampleCosts
            .Select(cost => new RateExample(cost, RatingEngine.Rate(package.Terms, new CallToRate("+10000000000", 60, CallDirection.Outbound, cost))))
            .ToList();
        var record = await panels.LoadAsync(RecordTypes.Package, id, note.Text, note.Error, ct);
        return new PackageDetailsModel(package, await PackageRules.UsageAsync(db, id, ct), examples, record);
    }
}
