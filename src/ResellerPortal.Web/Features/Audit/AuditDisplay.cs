using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Records;

namespace ResellerPortal.Web.Features.Audit;

/// <summary>One changed field as people read it: "Next billing date: 2026-12-01 → 2027-01-01", or "Password: changed".</summary>
public sealed record AuditChangeLine(string Field, string Label, string? Old, string? New, string? Note);

/// <summary>One audit entry as people read it: when (UTC), who, which record (by name, with a link), what changed.</summary>
public sealed record AuditRow(
    Guid Id,
    DateTimeOffset At,
    string When,
    string Who,
    string? ReallyWho,
    string RecordType,
    Guid EntityId,
    string RecordTypeLabel,
    string RecordName,
    string? RecordLink,
    string? Reseller,
    AuditAction Action,
    string ActionLabel,
    IReadOnlyList<AuditChangeLine> Changes,
    string? IpAddress,
    string? ActingReason = null)
{
    /// <summary>"Support Desk as Alpha Owner" while acting (§8), else the actor.</summary>
    public string Actors => ReallyWho is null ? Who : AuditDisplay.ActingAs(ReallyWho, Who);
}

/// <summary>
/// Turns stored audit entries into rows in the product's words (<see cref="AuditVocabulary"/>): labels as on the
/// forms, names instead of ids, ISO dates and UTC times, money with its currency, secrets as "changed". Names are
/// looked up through the same tenant and operator filters as every page, so a name the viewer may not see is
/// never shown (the short id is); records deleted since still show their name.
/// </summary>
public sealed class AuditDisplay(PortalDbContext db)
{
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>The one date-and-time format of history and the audit trail.</summary>
    /// <summary>
    /// The one wording of someone acting as another login (§8), on the audit trail and on the "acted as you" lists alike:
    /// "Support Desk as Alpha Owner", each by display name.
    /// </summary>
    public static string ActingAs(string realName, string targetName) => $"{realName} as {targetName}";

    /// <summary>How a login is named to people: its display name, else its e-mail address.</summary>
    public static string PersonName(string? displayName, string? email) =>
        string.IsNullOrWhiteSpace(displayName) ? email ?? string.Empty : displayName;

    /// <summary>
    /// A stored actor name as people read it when its login is gone: a client login's internal user name
    /// (<c>c.{reseller}.{email}</c>) reads as its e-mail address; any other stored name as it is.
    /// </summary>
    public static string LoginName(string stored) =>
        stored.Length > 35 && stored.StartsWith("c.", StringComparison.Ordinal) && stored[34] == '.' && !stored.AsSpan(2, 32).ContainsAnyExcept(HexDigits)
            ? stored[35..]
            : stored;

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string ActionLabel(AuditAction action) => action switch
    {
        AuditAction.Added => "created",
        AuditAction.Modified => "changed",
        AuditAction.Deleted => "deleted",
    };

    public async Task<IReadOnlyList<AuditRow>> DescribeAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        var parsed = entries.Select(e => (Entry: e, Changes: AuditChanges.Parse(e.Changes))).ToList();

        // Every record named by the page: the records themselves and the records their fields point to.
        var wanted = new Dictionary<string, HashSet<Guid>>(StringComparer.Ordinal);
        foreach (var (entry, changes) in parsed)
        {
            Want(wanted, entry.EntityType, entry.EntityId);
            foreach (var (field, oldValue, newValue) in changes)
            {
                if (AuditVocabulary.References.TryGetValue(field, out var type))
                {
                    Want(wanted, type, oldValue);
                    Want(wanted, type, newValue);
                }
            }
        }

        var names = new Dictionary<(string Type, Guid Id), string>();
        foreach (var (type, ids) in wanted)
        {
            foreach (var (id, name) in await NamesAsync(type, ids, ct))
            {
                names[(type, id)] = name;
            }
        }

        var resellers = db.Tenant.SeesAllTenants
            ? await NamesAsync(nameof(Reseller), [.. entries.Where(e => e.ResellerId is not null).Select(e => e.ResellerId!.Value).Distinct()], ct)
            : [];
        var currencies = await CurrenciesAsync(entries, ct);
        // The trail stores the login (e-mail) of who acted; people know each other by name. The login is on the row
        // already, so naming its user reveals nothing more, whatever the tenant.
        var actorIds = entries.SelectMany(e => new[] { e.ActorUserId, e.RealActorUserId }).OfType<Guid>().Distinct().ToList();
        var actors = (await db.Users.Where(u => actorIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct))
            .ToDictionary(u => u.Id, u => PersonName(u.DisplayName, u.Email));

        var sessionIds = entries.Select(e => e.ActingSessionId).OfType<Guid>().Distinct().ToList();
        var reasons = sessionIds.Count == 0 ? []
            : await db.ActingSessions.Where(s => sessionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Reason, ct);

        return parsed.Select(p =>
        {
            var e = p.Entry;
            var currency = p.Changes.FirstOrDefault(c => c.Field == "Currency") is { Field: not null } c ? c.New ?? c.Old : currencies.GetValueOrDefault(e.EntityId);
            var lines = p.Changes
                .Where(c => !AuditVocabulary.IsHidden(c.Field))
                .Select(c => Line(e, c.Field, c.Old, c.New, currency, names))
                .ToList();
            return new AuditRow(
                e.Id,
                e.At,
                Time(e.At),
                e.ActorUserId is { } actor && actors.TryGetValue(actor, out var who) && who.Length > 0 ? who : LoginName(e.ActorName),
                e.RealActorName is null ? null : e.RealActorUserId is { } real && actors.TryGetValue(real, out var reallyWho) && reallyWho.Length > 0 ? reallyWho : LoginName(e.RealActorName),
                e.EntityType,
                e.EntityId,
                AuditVocabulary.TypeLabel(e.EntityType),
                names.GetValueOrDefault((e.EntityType, e.EntityId)) ?? Unnamed(e.EntityId),
                Link(e, names.ContainsKey((e.EntityType, e.EntityId))),
                e.ResellerId is { } r ? resellers.GetValueOrDefault(r) : null,
                e.Action,
                ActionLabel(e.Action),
                lines,
                e.IpAddress,
                e.ActingSessionId is { } session ? reasons.GetValueOrDefault(session) : null);
        }).ToList();
    }

    private static AuditChangeLine Line(AuditEntry entry, string field, string? oldValue, string? newValue, string? currency, Dictionary<(string, Guid), string> names)
    {
        var label = AuditVocabulary.FieldLabel(entry.EntityType, field);
        if (AuditVocabulary.IsSecret(field))
        {
            var note = entry.Action switch
            {
                AuditAction.Added => "set",
                AuditAction.Modified => "changed",
                AuditAction.Deleted => "removed",
            };
            return new AuditChangeLine(field, label, null, null, note);
        }

        return new AuditChangeLine(field, label, Value(entry.EntityType, field, oldValue, currency, names), Value(entry.EntityType, field, newValue, currency, names), null);
    }

    /// <summary>A stored value as people read it; the stored text itself when it does not read as the field's kind.</summary>
    private static string? Value(string type, string field, string? value, string? currency, Dictionary<(string, Guid), string> names)
    {
        if (value is null)
        {
            return null;
        }

        if (AuditVocabulary.References.TryGetValue(field, out var target) && Guid.TryParse(value, out var id))
        {
            return names.GetValueOrDefault((target, id)) ?? Unnamed(id);
        }

        if (AuditVocabulary.IsMoney(type, field) && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            var number = amount.ToString("0.00##", CultureInfo.InvariantCulture);
            return currency is null ? number : $"{number} {currency}";
        }

        if (field == "Country" && Countries.Find(value) is { } country)
        {
            return country.Name;
        }

        if (field is "Phone" or "Number" or "ForwardTo" && value.StartsWith('+'))
        {
            return PhoneNumber.Display(value);
        }

        if (value is "True" or "False")
        {
            return value == "True" ? "yes" : "no";
        }

        // Times were stored round-trip ("O"), dates and older times in the invariant culture's short form.
        if (value.Length >= 19 && value[4] == '-' && value[10] == 'T'
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return Time(at);
        }

        if (DateOnly.TryParseExact(value, ["yyyy-MM-dd", "MM/dd/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (DateTime.TryParseExact(value, "MM/dd/yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return Time(new DateTimeOffset(time, TimeSpan.Zero));
        }

        return value;
    }

    private string? Link(AuditEntry e, bool visible)
    {
        if (!visible)
        {
            return null;
        }

        return e.EntityType switch
        {
            nameof(Instance) => $"/instances/{e.EntityId}/history",
            nameof(Operator) => db.Tenant.SeesAllTenants ? (e.ResellerId is { } r ? $"/admin/resellers/{r}" : null) : $"/operators/{e.EntityId}",
            nameof(Reseller) => db.Tenant.SeesAllTenants ? $"/admin/resellers/{e.EntityId}" : null,
            nameof(PrepurchasedKey) => $"/keys/{e.EntityId}",
            nameof(LedgerEntry) => null,
            _ => RecordTypes.PageOf(e.EntityType, e.EntityId),
        };
    }

    private static string Unnamed(Guid id) => "record " + id.ToString("N")[..8];

    private static void Want(Dictionary<string, HashSet<Guid>> wanted, string type, Guid id)
    {
        if (!wanted.TryGetValue(type, out var ids))
        {
            wanted[type] = ids = [];
        }

        ids.Add(id);
    }

    private static void Want(Dictionary<string, HashSet<Guid>> wanted, string type, string? value)
    {
        if (Guid.TryParse(value, out var id))
        {
            Want(wanted, type, id);
        }
    }

    /// <summary>
    /// Names through the tenant and operator filters. Only the soft-delete filters are lifted, by name: a client or
    /// instance deleted since is still named in its history.
    /// </summary>
    private async Task<Dictionary<Guid, string>> NamesAsync(string type, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var tenant = db.Tenant.ResellerId;
        var all = db.Tenant.SeesAllTenants;
        var rows = type switch
        {
            nameof(Client) => await Pairs(db.Clients.IgnoreQueryFilters([PortalDbContext.LiveFilter]).Where(c => ids.Contains(c.Id))
                .Select(c => new KeyValuePair<Guid, string>(c.Id, c.Company != "" ? c.Company + " (" + c.FirstName + " " + c.LastName + ")" : c.FirstName + " " + c.LastName)), ct),
            nameof(SubAccount) => await Pairs(db.SubAccounts.Where(s => ids.Contains(s.Id)).Select(s => new KeyValuePair<Guid, string>(s.Id, s.Name)), ct),
            nameof(Package) => await Pairs(db.Packages.Where(p => ids.Contains(p.Id)).Select(p => new KeyValuePair<Guid, string>(p.Id, p.Name)), ct),
            nameof(Did) => (await Pairs(db.Dids.Where(d => ids.Contains(d.Id)).Select(d => new KeyValuePair<Guid, string>(d.Id, d.Number)), ct))
                .Select(p => (p.Id, Name: PhoneNumber.Display(p.Name))).ToList(),
            nameof(DidDefaults) => [.. ids.Select(id => (Id: id, Name: "DID defaults"))],
            nameof(LedgerEntry) => await Pairs(db.LedgerEntries.Where(l => ids.Contains(l.Id)).Select(l => new KeyValuePair<Guid, string>(l.Id, l.Description)), ct),
            nameof(Instance) => await Pairs(db.Instances.IgnoreQueryFilters([PortalDbContext.NotDeletedFilter]).Where(i => ids.Contains(i.Id)).Select(i => new KeyValuePair<Guid, string>(i.Id, i.Name)), ct),
            nameof(LicenceActivation) => await Pairs(db.LicenceActivations.Where(a => ids.Contains(a.Id)).Select(a => new KeyValuePair<Guid, string>(a.Id, a.InstanceName)), ct),
            nameof(PrepurchasedKey) => await Pairs(db.PrepurchasedKeys.Where(k => ids.Contains(k.Id)).Select(k => new KeyValuePair<Guid, string>(k.Id, k.Masked)), ct),
            nameof(Operator) => await Pairs(db.Operators.Where(o => ids.Contains(o.Id)).Select(o => new KeyValuePair<Guid, string>(o.Id, o.Name)), ct),
            nameof(Reseller) => await Pairs(db.Resellers.Where(r => ids.Contains(r.Id) && (all || r.Id == tenant)).Select(r => new KeyValuePair<Guid, string>(r.Id, r.Name)), ct),
            nameof(PortalUser) => await Pairs(db.Users.Where(u => ids.Contains(u.Id) && (all || u.ResellerId == tenant)).Select(u => new KeyValuePair<Guid, string>(u.Id, u.DisplayName != "" ? u.DisplayName : u.Email ?? "")), ct),
            _ => [],
        };
        return rows.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First().Name);
    }

    private static async Task<List<(Guid Id, string Name)>> Pairs(IQueryable<KeyValuePair<Guid, string>> query, CancellationToken ct) =>
        [.. (await query.ToListAsync(ct)).Select(p => (p.Key, p.Value))];

    /// <summary>The currency of the records whose money fields are shown, when the change itself does not carry it.</summary>
    private async Task<Dictionary<Guid, string>> CurrenciesAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        var byType = entries.GroupBy(e => e.EntityType).ToDictionary(g => g.Key, g => g.Select(e => e.EntityId).Distinct().ToList());
        var currencies = new Dictionary<Guid, string>();
        if (byType.TryGetValue(nameof(Client), out var clients))
        {
            // A deleted client's history still shows its money in its currency; the tenant filter stays.
            foreach (var c in await db.Clients.IgnoreQueryFilters([PortalDbContext.LiveFilter]).Where(c => clients.Contains(c.Id)).Select(c => new { c.Id, c.Currency }).ToListAsync(ct))
            {
                currencies[c.Id] = c.Currency;
            }
        }

        if (byType.TryGetValue(nameof(Package), out var packages))
        {
            foreach (var p in await db.Packages.Where(p => packages.Contains(p.Id)).Select(p => new { p.Id, p.Currency }).ToListAsync(ct))
            {
                currencies[p.Id] = p.Currency;
            }
        }

        if (byType.TryGetValue(nameof(LedgerEntry), out var ledger))
        {
            foreach (var l in await db.LedgerEntries.Where(l => ledger.Contains(l.Id)).Select(l => new { l.Id, l.Currency }).ToListAsync(ct))
            {
                currencies[l.Id] = l.Currency;
            }
        }

        return currencies;
    }
}
