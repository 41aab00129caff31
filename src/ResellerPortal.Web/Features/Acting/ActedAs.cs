using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Acting;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Audit;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Acting;

/// <summary>One time someone acted as the viewer: who, when, why, how it ended, and what was changed meanwhile.</summary>
public sealed record ActedAsSession(Guid Id, string Who, string When, string Ended, string Reason, IReadOnlyList<AuditRow> Changes);

/// <summary>The viewer's own "someone acted as you" list (§8): the latest sessions first, each with its audit rows.</summary>
public sealed record ActedAsPage(string Name, IReadOnlyList<ActedAsSession> Sessions);

/// <summary>
/// Lists when someone acted as the signed-in login (§8), with the changes made in its name: the audit rows that carry
/// the session's id. The list is the login's own; the changes shown are those of its tenant, named as on the audit trail.
/// Who acted is named as on the audit trail too ("Support Desk as Alpha Owner", display names only): a client's list
/// names no e-mail address of the provider's staff.
/// </summary>
public sealed class ActedAs(PortalDbContext db, AuditDisplay display, IHttpContextAccessor http)
{
    public const int MaxSessions = 50;

    public async Task<Result<ActedAsPage>> HandleAsync(CancellationToken ct)
    {
        var user = http.HttpContext!.User;
        if (user.GetUserId() is not { } userId)
        {
            return Result.NotFound;
        }

        var sessions = await db.ActingSessions.AsNoTracking().Where(s => s.TargetUserId == userId)
            .OrderByDescending(s => s.StartedAt).Take(MaxSessions).ToListAsync(ct);
        var realIds = sessions.Select(s => s.RealUserId).Distinct().ToList();
        var reals = await db.Users.Where(u => realIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToDictionaryAsync(u => u.Id, ct);
        var sessionIds = sessions.Select(s => (Guid?)s.Id).ToList();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => sessionIds.Contains(a.ActingSessionId))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(500).ToListAsync(ct);
        var rows = await display.DescribeAsync(entries, ct);
        var bySession = entries.Zip(rows).ToLookup(p => p.First.ActingSessionId, p => p.Second);

        var name = user.GetDisplayName();
        return new ActedAsPage(name, sessions.Select(s =>
        {
            var who = AuditDisplay.ActingAs(reals.TryGetValue(s.RealUserId, out var r) ? AuditDisplay.PersonName(r.DisplayName, r.Email) : "A former user", name);
            return new ActedAsSession(s.Id, who, AuditDisplay.Time(s.StartedAt), Ended(s), s.Reason, bySession[s.Id].ToList());
        }).ToList());
    }

    private static string Ended(ActingSession s) => s.EndedHow switch
    {
        ActingEnd.Stopped => "returned at " + AuditDisplay.Time(s.EndedAt!.Value),
        ActingEnd.Expired => "time limit reached at " + AuditDisplay.Time(s.ExpiresAt),
        ActingEnd.SignedOut => "signed out at " + AuditDisplay.Time(s.EndedAt!.Value),
        null => "until " + AuditDisplay.Time(s.ExpiresAt) + " at the latest",
    };
}
