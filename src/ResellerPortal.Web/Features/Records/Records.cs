using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Notes;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Records;

/// <summary>The record types that carry notes and history, with the page each lives on.</summary>
public static class RecordTypes
{
    public const string Client = nameof(Domain.Clients.Client);
    public const string SubAccount = nameof(Domain.Clients.SubAccount);
    public const string Package = nameof(Domain.Packages.Package);
    public const string Did = nameof(Domain.Dids.Did);
    public const string LedgerEntry = nameof(Domain.Ledger.LedgerEntry);

    public static string? PageOf(string type, Guid id, Guid? clientId = null) => type switch
    {
        Client => $"/clients/{id}",
        SubAccount => $"/subaccounts/{id}",
        Package => $"/packages/{id}",
        Did => $"/dids/{id}",
        LedgerEntry when clientId is not null => $"/clients/{clientId}",
        _ => null,
    };
}

/// <summary>The notes (author, time, text) and the audit history (who changed what, old → new) of one record.</summary>
public sealed record RecordPanelModel(
    string EntityType,
    Guid EntityId,
    IReadOnlyList<Note> Notes,
    IReadOnlyList<AuditEntry> History,
    string? NoteText,
    string? NoteError);

/// <summary>
/// Notes and history of a record. The caller has already loaded the record through the tenant and
/// operator filters, so a record it may not see never reaches here.
/// </summary>
public sealed class RecordPanels(PortalDbContext db)
{
    public const int HistoryLimit = 100;

    public async Task<RecordPanelModel> LoadAsync(string entityType, Guid entityId, string? noteText, string? noteError, CancellationToken ct)
    {
        var notes = await db.Notes.AsNoTracking()
            .Where(n => n.EntityType == entityType && n.EntityId == entityId)
            .OrderByDescending(n => n.At).ToListAsync(ct);
        var reseller = db.Tenant.ResellerId;
        var history = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityId == entityId && (db.Tenant.SeesAllTenants || a.ResellerId == reseller))
            .OrderByDescending(a => a.At).Take(HistoryLimit).ToListAsync(ct);
        return new RecordPanelModel(entityType, entityId, notes, history, noteText, noteError);
    }

    /// <summary>True when the current user may see the record (tenant and operator scope applied by the filters).</summary>
    public async Task<(bool Visible, Guid? ClientId)> FindAsync(string entityType, Guid id, CancellationToken ct) => entityType switch
    {
        RecordTypes.Client => (await db.Clients.AnyAsync(c => c.Id == id, ct), null),
        RecordTypes.SubAccount => (await db.SubAccounts.AnyAsync(s => s.Id == id, ct), null),
        RecordTypes.Package => (await db.Packages.AnyAsync(p => p.Id == id, ct), null),
        RecordTypes.Did => (await db.Dids.AnyAsync(d => d.Id == id, ct), null),
        RecordTypes.LedgerEntry => await db.LedgerEntries.Where(l => l.Id == id).Select(l => (bool?)true).SingleOrDefaultAsync(ct) is true
            ? (true, await db.LedgerEntries.Where(l => l.Id == id).Select(l => l.ClientId).SingleAsync(ct))
            : (false, null),
        _ => (false, null),
    };
}
