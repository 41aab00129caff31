using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Instances;

namespace ResellerPortal.Web.Features.Operators;

/// <summary>One operator as the reseller's staff see it: its domain, its certificate, its instances and who is assigned.</summary>
public sealed record OperatorRow(
    Guid Id,
    string Name,
    string Domain,
    DateOnly? CertificateExpiresOn,
    CertificateUrgency CertificateUrgency,
    IReadOnlyDictionary<ClientState, int> InstancesByState,
    IReadOnlyList<string> AssignedUsers)
{
    public int Instances => InstancesByState.Values.Sum();
}

/// <summary>
/// The reseller's operators page (issue 15, item 8). The tenant and operator filters decide which operators
/// and instances are counted: a ResellerUser sees the operators assigned to them.
/// </summary>
public sealed class ListOperators(PortalDbContext db, IOptions<InstanceOptions> options, TimeProvider clock)
{
    public async Task<List<OperatorRow>> HandleAsync(CancellationToken ct)
    {
        var operators = await db.Operators.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
        return await RowsAsync(operators, ct);
    }

    public async Task<List<OperatorRow>> RowsAsync(IReadOnlyList<Operator> operators, CancellationToken ct)
    {
        var ids = operators.Select(o => o.Id).ToList();
        var counts = await db.Instances.Where(i => ids.Contains(i.OperatorId))
            .GroupBy(i => new { i.OperatorId, i.State })
            .Select(g => new { g.Key.OperatorId, g.Key.State, Count = g.Count() })
            .ToListAsync(ct);
        var assigned = await (
                from a in db.OperatorAssignments
                where ids.Contains(a.OperatorId)
                join u in db.Users on a.UserId equals u.Id
                orderby u.DisplayName
                select new { a.OperatorId, u.DisplayName })
            .ToListAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return operators.Select(o => new OperatorRow(
                o.Id,
                o.Name,
                o.Domain,
                o.CertificateExpiresOn,
                CertificateWarnings.Urgency(o.CertificateExpiresOn, today, options.Value.CertificateUrgentDays),
                Enum.GetValues<ClientState>().ToDictionary(s => s, s => counts.Where(c => c.OperatorId == o.Id && c.State == s).Sum(c => c.Count)),
                assigned.Where(a => a.OperatorId == o.Id).Select(a => a.DisplayName).ToList()))
            .ToList();
    }
}

/// <summary>How a certificate expiry looks wherever it is shown: the instance cards' colours (orange when soon, red when past).</summary>
public static class CertificateLook
{
    public static string CssClass(CertificateUrgency urgency) => urgency switch
    {
        CertificateUrgency.Expired => "text-danger fw-semibold",
        CertificateUrgency.Urgent => "text-orange fw-semibold",
        CertificateUrgency.Normal or CertificateUrgency.None => "text-muted",
    };
}
