using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Records;

namespace ResellerPortal.Web.Features.Packages;

public sealed record PackageRow(Guid Id, string Name, string Currency, decimal MarkupFixed, decimal MarkupPercent, int PulseFirst, int PulseNext, decimal MonthlyFee, int SubAccounts, Guid ResellerId);

/// <summary>The package list; <see cref="Resellers"/> is set for the provider's staff, who see every reseller's packages.</summary>
public sealed record PackageListModel(IReadOnlyList<PackageRow> Rows, ResellerNames? Resellers, Guid? Reseller);

public sealed class ListPackages(PortalDbContext db)
{
    private static readonly string[] OperatorScopeOnly = [PortalDbContext.OperatorScopeFilter];

    public async Task<PackageListModel> HandleAsync(Guid? reseller, CancellationToken ct)
    {
        var resellers = await ResellerNames.ForPlatformAsync(db, ct);
        var packages = db.Packages.AsNoTracking();
        if (reseller is { } resellerId)
        {
            packages = packages.Where(p => p.ResellerId == resellerId);
        }

        var rows = await packages.OrderBy(p => p.Name)
            .Select(p => new PackageRow(p.Id, p.Name, p.Currency, p.MarkupFixed, p.MarkupPercent, p.PulseFirst, p.PulseNext, p.MonthlyFee,
                // In use counts every operator's sub-accounts, not only those this user sees.
                db.SubAccounts.IgnoreQueryFilters(OperatorScopeOnly).Count(s => s.PackageId == p.Id), p.ResellerId))
            .ToListAsync(ct);
        return new PackageListModel(rows, resellers, reseller);
    }
}
