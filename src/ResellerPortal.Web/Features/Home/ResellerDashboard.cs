using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Billing;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Billing;
using ResellerPortal.Web.Features.Instances;
using ResellerPortal.Web.Features.Keys;

namespace ResellerPortal.Web.Features.Home;

public sealed record DashboardOperator(Guid Id, string Name, string Domain, DateOnly? CertificateExpiresOn, CertificateUrgency Urgency);

public sealed record DashboardModel(
    string ResellerName,
    IReadOnlyDictionary<ClientState, int> ByState,
    IReadOnlyDictionary<ClientMode, int> ByMode,
    int Instances,
    int AgentsSoldOn,
    int DemosOverdue,
    int PastExpiration,
    int DemoMaxDays,
    IReadOnlyList<DashboardOperator> Operators,
    IReadOnlyList<DashboardOperator> CertificatesExpiring,
    IReadOnlyDictionary<ClientStatus, int> ClientsByStatus,
    int ClientsBelowThreshold)
{
    /// <summary>Instances whose licence runs out within 14 days (§9 "licenses expiring").</summary>
    public int LicencesExpiring { get; init; }

    /// <summary>Clients whose balance runs out within <see cref="BalanceRunway.SoonDays"/> days (§6 balance runway).</summary>
    public int ClientsRunningOut { get; init; }
}

/// <summary>The reseller's home (§9): totals over the instances the user may see, each a link to the filtered list.</summary>
public sealed class ResellerDashboard(PortalDbContext db, IOptions<InstanceOptions> options, TimeProvider clock, ClientRunway runway)
{
    public async Task<DashboardModel> HandleAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var demoSince = now.AddDays(-options.Value.DemoMaxDays);
        var resellerName = await db.Resellers.Where(r => r.Id == db.Tenant.ResellerId).Select(r => r.Name).SingleAsync(ct);

        var groups = await db.Instances
            .GroupBy(i => new { i.State, i.Mode })
            .Select(g => new
            {
                g.Key.State,
                g.Key.Mode,
                Count = g.Count(),
                Agents = g.Sum(i => i.MaxAgents),
                Overdue = g.Count(i => i.StateChangedAt < demoSince),
                Past = g.Count(i => i.ExpirationDate < today),
            })
            .ToListAsync(ct);

        var operators = (await db.Operators.OrderBy(o => o.Name).ToListAsync(ct))
            .Select(o => new DashboardOperator(o.Id, o.Name, o.Domain, o.CertificateExpiresOn,
                CertificateWarnings.Urgency(o.CertificateExpiresOn, today, options.Value.CertificateUrgentDays)))
            .ToList();

        var clients = await db.Clients.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var belowThreshold = await db.Clients.CountAsync(
            c => c.LowBalanceThreshold != null && c.Balance < c.LowBalanceThreshold, ct);

        return new DashboardModel(
            resellerName,
            Enum.GetValues<ClientState>().ToDictionary(s => s, s => groups.Where(g => g.State == s).Sum(g => g.Count)),
            Enum.GetValues<ClientMode>().ToDictionary(m => m, m => groups.Where(g => g.Mode == m).Sum(g => g.Count)),
            groups.Sum(g => g.Count),
            groups.Where(g => g.State == ClientState.Sold && g.Mode == ClientMode.On).Sum(g => g.Agents),
            groups.Where(g => g.State == ClientState.Demo).Sum(g => g.Overdue),
            groups.Sum(g => g.Past),
            options.Value.DemoMaxDays,
            operators,
            operators.Where(o => o.Urgency is CertificateUrgency.Urgent or CertificateUrgency.Expired).OrderBy(o => o.CertificateExpiresOn).ToList(),
            Enum.GetValues<ClientStatus>().ToDictionary(s => s, s => clients.Where(c => c.Key == s).Sum(c => c.Count)),
            belowThreshold)
        {
            LicencesExpiring = await db.Instances.WithLicenceExpiring(db, today).CountAsync(ct),
            ClientsRunningOut = await CountRunningOutAsync(ct),
        };
    }

    /// <summary>The client list's <c>runway=7</c> filter, counted: the same query through the same tenant filter, summing the spend once.</summary>
    private Task<int> CountRunningOutAsync(CancellationToken ct)
    {
        var runningOut = runway.RunningOutWithin(BalanceRunway.SoonDays, RunwaySpend.Summed);
        return db.Clients.CountAsync(c => runningOut.Contains(c.Id), ct);
    }
}
