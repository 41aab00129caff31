using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Audit;

/// <summary>
/// The audit trail's filters, as the page's query string carries them: record type (one of
/// <see cref="AuditVocabulary.RecordTypes"/>), user (part of the login or of the user's name), a range of UTC days, one record,
/// and the cursor of the page (<see cref="Older"/>: the (At, Id) of the last row of the page before).
/// </summary>
public sealed class AuditQuery
{
    public const int UserMaxLength = 256;

    public string? Type { get; set; }

    public string? User { get; set; }

    /// <summary>Part of the login or name of the person really acting, for changes made while acting as someone (§8).</summary>
    public string? RealUser { get; set; }

    /// <summary>Part of the reason given for acting as someone (§8).</summary>
    public string? Reason { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public Guid? EntityId { get; set; }

    public string? Older { get; set; }

    /// <summary>The filters without the cursor, for links that keep them ("older", export).</summary>
    public string Filters(string? older = null)
    {
        var parts = new List<string>();
        Add(parts, "type", AuditVocabulary.IsKnownType(Type) ? Type : null);
        Add(parts, "user", string.IsNullOrWhiteSpace(User) ? null : User.Trim());
        Add(parts, "realUser", string.IsNullOrWhiteSpace(RealUser) ? null : RealUser.Trim());
        Add(parts, "reason", string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim());
        Add(parts, "from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(parts, "to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(parts, "entityId", EntityId?.ToString());
        Add(parts, "older", older);
        return string.Join('&', parts);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (value is not null)
        {
            parts.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }
}

/// <summary>A page of the trail: its rows, the cursor of the next (older) page if there is one, and the filters.</summary>
public sealed record AuditPage(AuditQuery Query, IReadOnlyList<AuditRow> Rows, string? OlderCursor, bool IsFirstPage)
{
    public IReadOnlyList<(string Type, string Label)> RecordTypes => AuditVocabulary.RecordTypes;
}

/// <summary>
/// The audit trail (§8) with its filters, newest first, paged by keyset on (At, Id): a deep page costs what the
/// first does, and entries with the same time are neither repeated nor skipped across pages. The provider's staff
/// see every tenant's entries, a reseller its own (the entry's tenant, stamped when it was written).
/// </summary>
public sealed class AuditTrail(PortalDbContext db, AuditDisplay display)
{
    public const int PageSize = 50;

    public const int ExportMax = 5_000;

    public async Task<Result<AuditPage>> HandleAsync(AuditQuery query, CancellationToken ct)
    {
        var (entries, older) = await LoadAsync(query, PageSize, ct);
        return new AuditPage(query, await display.DescribeAsync(entries, ct), older, Cursor.Parse(query.Older) is null);
    }

    /// <summary>The same entries as the page (same filters, same tenant), as stored, for export; newest first.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, string? Older)> ExportAsync(AuditQuery query, CancellationToken ct) =>
        await LoadAsync(query, ExportMax, ct);

    private async Task<(IReadOnlyList<AuditEntry> Entries, string? Older)> LoadAsync(AuditQuery query, int size, CancellationToken ct)
    {
        var reseller = db.Tenant.ResellerId;
        var q = db.AuditEntries.AsNoTracking().Where(a => db.Tenant.SeesAllTenants || a.ResellerId == reseller);
        if (AuditVocabulary.IsKnownType(query.Type))
        {
            q = q.Where(a => a.EntityType == query.Type);
        }

        if (query.EntityId is { } entityId)
        {
            q = q.Where(a => a.EntityId == entityId);
        }

        if (!string.IsNullOrWhiteSpace(query.User))
        {
            var pattern = "%" + Escape(query.User.Trim()[..Math.Min(query.User.Trim().Length, AuditQuery.UserMaxLength)]) + "%";
            var named = db.Users.Where(u => EF.Functions.ILike(u.DisplayName, pattern, "\\")).Select(u => (Guid?)u.Id);
            q = q.Where(a => EF.Functions.ILike(a.ActorName, pattern, "\\") || (a.RealActorName != null && EF.Functions.ILike(a.RealActorName, pattern, "\\"))
                || named.Contains(a.ActorUserId));
        }

        if (!string.IsNullOrWhiteSpace(query.RealUser))
        {
            var pattern = Pattern(query.RealUser);
            var named = db.Users.Where(u => EF.Functions.ILike(u.DisplayName, pattern, "\\")).Select(u => (Guid?)u.Id);
            q = q.Where(a => a.RealActorUserId != null && ((a.RealActorName != null && EF.Functions.ILike(a.RealActorName, pattern, "\\")) || named.Contains(a.RealActorUserId)));
        }

        if (!string.IsNullOrWhiteSpace(query.Reason))
        {
            var pattern = Pattern(query.Reason);
            var sessions = db.ActingSessions.Where(s => EF.Functions.ILike(s.Reason, pattern, "\\")).Select(s => (Guid?)s.Id);
            q = q.Where(a => sessions.Contains(a.ActingSessionId));
        }

        if (query.From is { } from && from >= FormRules.EarliestDate && from <= FormRules.LatestDate)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            q = q.Where(a => a.At >= start);
        }

        if (query.To is { } to && to >= FormRules.EarliestDate && to <= FormRules.LatestDate)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            q = q.Where(a => a.At < end);
        }

        if (Cursor.Parse(query.Older) is { } cursor)
        {
            // Row comparison (At, Id) < (cursor): PostgreSQL walks the At index from the cursor on.
            q = q.Where(a => EF.Functions.LessThan(ValueTuple.Create(a.At, a.Id), ValueTuple.Create(cursor.At, cursor.Id)));
        }

        var rows = await q.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(size + 1).ToListAsync(ct);
        var page = rows.Take(size).ToList();
        return (page, rows.Count > size ? Cursor.Of(page[^1]) : null);
    }

    private static string Pattern(string text) => "%" + Escape(text.Trim()[..Math.Min(text.Trim().Length, AuditQuery.UserMaxLength)]) + "%";

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>"(At in UTC ticks)-(Id)": where the next page starts, exclusive.</summary>
    private sealed record Cursor(DateTimeOffset At, Guid Id)
    {
        public static string Of(AuditEntry entry) =>
            entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture) + "-" + entry.Id.ToString("N");

        public static Cursor? Parse(string? text)
        {
            if (string.IsNullOrEmpty(text) || text.Length > 60)
            {
                return null;
            }

            var dash = text.IndexOf('-', StringComparison.Ordinal);
            return dash > 0
                && long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && Guid.TryParseExact(text.AsSpan(dash + 1), "N", out var id)
                ? new Cursor(new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
    }
}
