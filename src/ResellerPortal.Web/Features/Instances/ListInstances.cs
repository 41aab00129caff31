using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Keys;

namespace ResellerPortal.Web.Features.Instances;

/// <summary>The filters of the list page, as they appear in the query string (bookmarkable).</summary>
public sealed class InstanceFilter
{
    public Guid? Operator { get; set; }

    public string? State { get; set; }

    public string? Mode { get; set; }

    public string? Q { get; set; }

    /// <summary>Dashboard drill-downs: <c>demo-overdue</c> (DEMO for longer than allowed), <c>past-expiration</c> or <c>licence-expiring</c>.</summary>
    public string? Flag { get; set; }

    /// <summary>Keyset paging: the name of the last card already shown.</summary>
    public string? After { get; set; }

    public ClientState? ParsedState => ClientStateText.TryParseState(State, out var s) ? s : null;

    public ClientMode? ParsedMode => ClientStateText.TryParseMode(Mode, out var m) ? m : null;

    public string? NormalizedQ => string.IsNullOrWhiteSpace(Q) ? null : InstanceName.Normalize(Q.Length > 60 ? Q[..60] : Q);

    public const string DemoOverdueFlag = "demo-overdue";
    public const string PastExpirationFlag = "past-expiration";
    public const string LicenceExpiringFlag = "licence-expiring";

    public string? ParsedFlag => Flag is DemoOverdueFlag or PastExpirationFlag or LicenceExpiringFlag ? Flag : null;

    public bool IsEmpty => Operator is null && ParsedState is null && ParsedMode is null && NormalizedQ is null && ParsedFlag is null;

    /// <summary>The query string of these filters, with the state or the keyset position set.</summary>
    public string With(string? state = null, string? after = null)
    {
        var parts = new List<string>();
        if (Operator is { } op)
        {
            parts.Add("operator=" + op);
        }

        var s = state ?? ParsedState?.Code();
        if (s is not null)
        {
            parts.Add("state=" + s);
        }

        if (ParsedMode?.Code() is { } m)
        {
            parts.Add("mode=" + m);
        }

        if (NormalizedQ is { } q)
        {
            parts.Add("q=" + Uri.EscapeDataString(q));
        }

        if (ParsedFlag is { } flag)
        {
            parts.Add("flag=" + flag);
        }

        if (after is not null)
        {
            parts.Add("after=" + Uri.EscapeDataString(after));
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }
}

public sealed record InstanceCard(
    Guid Id,
    string Name,
    string LongName,
    string OperatorName,
    string OperatorDomain,
    DateOnly? CertificateExpiresOn,
    string? ResellerName,
    ClientState State,
    ClientMode Mode,
    int MaxAgents,
    DateOnly? ExpirationDate,
    DateTimeOffset StateChangedAt,
    bool IsProvisioning,
    bool IsRestartPending)
{
    public LicenceSummary? Licence { get; init; }
}

/// <summary>
/// What a card says of the licence (§4): the status of the latest activation, and the agents and
/// last day of the licence in force (the one installed last).
/// </summary>
public sealed record LicenceSummary(PpkStatus LatestStatus, int? Agents, DateOnly? ExpiresOn, bool ExpiringSoon);

public sealed record OperatorChoice(Guid Id, string Label);

public sealed record InstanceListModel(
    InstanceFilter Filter,
    IReadOnlyList<InstanceCard> Cards,
    string? NextAfter,
    IReadOnlyList<OperatorChoice> Operators,
    DateTimeOffset Now,
    InstanceOptions Options,
    bool ShowReseller,
    bool CanEdit);

/// <summary>One page of cards for the filters, in name order, over the instances the user may see.</summary>
public sealed class ListInstances(PortalDbContext db, IOptions<InstanceOptions> options, TimeProvider clock)
{
    public async Task<InstanceListModel> HandleAsync(InstanceFilter filter, bool canEdit, CancellationToken ct)
    {
        var pageSize = options.Value.PageSize;
        var query = db.Instances.AsNoTracking();
        if (filter.Operator is { } operatorId)
        {
            query = query.Where(i => i.OperatorId == operatorId);
        }

        if (filter.ParsedState is { } state)
        {
            query = query.Where(i => i.State == state);
        }

        if (filter.ParsedMode is { } mode)
        {
            query = query.Where(i => i.Mode == mode);
        }

        if (filter.NormalizedQ is { } q)
        {
            // Names are stored lower-case and q is lower-cased, so a case-sensitive LIKE will do;
            // the trigram index serves it from three characters on.
            var pattern = LikePattern.Contains(q);
            query = query.Where(i => EF.Functions.Like(i.Name, pattern, LikePattern.EscapeCharacter));
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (filter.ParsedFlag == InstanceFilter.DemoOverdueFlag)
        {
            var since = now.AddDays(-options.Value.DemoMaxDays);
            query = query.Where(i => i.State == ClientState.Demo && i.StateChangedAt < since);
        }
        else if (filter.ParsedFlag == InstanceFilter.PastExpirationFlag)
        {
            query = query.Where(i => i.ExpirationDate < today);
        }
        else if (filter.ParsedFlag == InstanceFilter.LicenceExpiringFlag)
        {
            query = query.WithLicenceExpiring(db, today);
        }

        if (!string.IsNullOrEmpty(filter.After))
        {
            var after = filter.After;
            query = query.Where(i => i.Name.CompareTo(after) > 0);
        }

        // One table for the cards; their operators come from the (small) list the filter bar needs anyway.
        var rows = await query
            .OrderBy(i => i.Name)
            .Select(i => new
            {
                i.Id,
                i.Name,
                i.LongName,
                i.OperatorId,
                i.State,
                i.Mode,
                i.MaxAgents,
                i.ExpirationDate,
                i.StateChangedAt,
                Provisioning = i.ProvisionedAt == null,
                RestartPending = i.RestartRequestedAt != null,
                // The licence, in the same statement rather than a query of its own (a statement less per page,
                // bench/README.md, issue 14): correlated scalar subqueries, each a lookup on the activations'
                // instance index, both installed ones in the same order so that they read the same row. (A projected
                // FirstOrDefault() of several columns becomes a window over every installed activation of the reseller.)
                LatestStatus = db.LicenceActivations
                    .Where(a => a.InstanceId == i.Id)
                    .OrderByDescending(a => a.RequestedAt)
                    .Select(a => (ActivationStatus?)a.Status)
                    .FirstOrDefault(),
                InstalledAgents = (
                        from a in db.LicenceActivations
                        join k in db.PrepurchasedKeys on a.PpkId equals k.Id
                        where a.InstanceId == i.Id && a.Status == ActivationStatus.Installed
                        orderby a.InstalledAt descending, a.Id descending
                        select (int?)k.Agents)
                    .FirstOrDefault(),
                InstalledExpiresOn = db.LicenceActivations
                    .Where(a => a.InstanceId == i.Id && a.Status == ActivationStatus.Installed)
                    .OrderByDescending(a => a.InstalledAt)
                    .ThenByDescending(a => a.Id)
                    .Select(a => a.ExpiresOn)
                    .FirstOrDefault(),
            })
            .Take(pageSize + 1)
            .ToListAsync(ct);

        var showReseller = db.Tenant.SeesAllTenants;
        var operatorIds = rows.Select(r => r.OperatorId).Distinct().ToList();
        var operators = await (
                from o in db.Operators
                join r in db.Resellers on o.ResellerId equals r.Id
                where showReseller ? operatorIds.Contains(o.Id) : true
                orderby o.Name
                select new OperatorView(o.Id, o.Name, o.Domain, o.CertificateExpiresOn, r.Name))
            .ToListAsync(ct);
        var byId = operators.ToDictionary(o => o.Id);
        var cards = rows.Take(pageSize).Select(r =>
        {
            var o = byId[r.OperatorId];
            return new InstanceCard(r.Id, r.Name, r.LongName, o.Name, o.Domain, o.CertificateExpiresOn, showReseller ? o.ResellerName : null,
                r.State, r.Mode, r.MaxAgents, r.ExpirationDate, r.StateChangedAt, r.Provisioning, r.RestartPending)
            {
                Licence = Licence(r.LatestStatus, r.InstalledAgents, r.InstalledExpiresOn, today),
            };
        }).ToList();

        var next = rows.Count > pageSize ? rows[pageSize - 1].Name : null;
        IReadOnlyList<OperatorChoice> choices = filter.After is not null ? []
            : showReseller ? await OperatorChoicesAsync(db, ct)
            : operators.Select(o => new OperatorChoice(o.Id, o.Name)).ToList();
        return new InstanceListModel(filter, cards, next, choices, now, options.Value, showReseller, canEdit);
    }

    /// <summary>
    /// What a card says of its licence: the status of the latest activation, and the agents and last day of the
    /// licence in force (the one installed last; QueueMetrics licences replace each other). Null without any activation.
    /// </summary>
    private static LicenceSummary? Licence(ActivationStatus? latest, int? installedAgents, DateOnly? installedExpiresOn, DateOnly today) =>
        latest is not { } status ? null
        : new LicenceSummary(
            PpkStatuses.Of(status),
            installedAgents,
            installedExpiresOn,
            installedAgents is not null && LicenceActivation.IsExpiringSoon(ActivationStatus.Installed, installedExpiresOn, today));

    private sealed record OperatorView(Guid Id, string Name, string Domain, DateOnly? CertificateExpiresOn, string ResellerName);

    /// <summary>The operators the user may see, labelled with the reseller for the provider's staff.</summary>
    public static async Task<IReadOnlyList<OperatorChoice>> OperatorChoicesAsync(PortalDbContext db, CancellationToken ct)
    {
        var all = db.Tenant.SeesAllTenants;
        return await (
                from o in db.Operators
                join r in db.Resellers on o.ResellerId equals r.Id
                orderby all ? r.Name : "", o.Name
                select new OperatorChoice(o.Id, all ? r.Name + " / " + o.Name : o.Name))
            .ToListAsync(ct);
    }
}
