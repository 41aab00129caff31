using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Records;

namespace ResellerPortal.Web.Features.Keys;

public sealed class ImportKeysForm
{
    public const int MaxCharacters = 200_000;
    public const int MaxLines = 2_000;

    public string? Keys { get; set; }
}

public sealed class ImportKeysFormValidator : AbstractValidator<ImportKeysForm>
{
    public ImportKeysFormValidator()
    {
        RuleFor(x => x.Keys).Cascade(CascadeMode.Stop)
            .Must(k => !string.IsNullOrWhiteSpace(k)).WithMessage("Paste at least one key, one per line.")
            .MaximumLength(ImportKeysForm.MaxCharacters).WithMessage($"Paste at most {ImportKeysForm.MaxCharacters:N0} characters at once.")
            .Must(k => k!.Count(c => c == '\n') < ImportKeysForm.MaxLines).WithMessage($"Paste at most {ImportKeysForm.MaxLines:N0} lines at once.");
    }
}

/// <summary>What an import kept and refused; <see cref="Refused"/> is the text of the refused lines, to fix and paste again.</summary>
public sealed record ImportResult(int Added, IReadOnlyList<PpkImportError> Errors, string Refused);

public sealed class KeyFilter
{
    public string? Status { get; set; }

    public string? Product { get; set; }

    public PpkStatus? ParsedStatus => PpkStatuses.Parse(Status);

    public string? NormalizedProduct => string.IsNullOrWhiteSpace(Product) ? null : Product.Trim().ToUpperInvariant();
}

public sealed record KeyRow(
    Guid Id,
    string Masked,
    string Product,
    int Agents,
    int Servers,
    int Days,
    DateTimeOffset ImportedAt,
    PpkStatus Status,
    string? InstanceName,
    Guid? InstanceId,
    DateOnly? ExpiresOn,
    string? FailureReason)
{
    /// <summary>The key's reseller, for the provider's staff (who see every reseller's stock); null otherwise.</summary>
    public string? ResellerName { get; init; }
}

public sealed record KeyListModel(KeyFilter Filter, IReadOnlyList<KeyRow> Keys, bool Truncated, IReadOnlyList<string> Products, IReadOnlyDictionary<PpkStatus, int> Counts)
{
    public bool ShowReseller => Keys.Any(k => k.ResellerName is not null);
}

/// <summary>One key; <see cref="CanAct"/>: the user may activate and retry it (the reseller's staff), and so see it in full.</summary>
public sealed record KeyDetailsModel(KeyRow Key, bool CanAct, string? FullText, ActivationView? Activation, IReadOnlyList<InstanceChoice> Instances);

public sealed record ActivationView(LicenceActivation Activation, string PpkMasked, int Agents, IReadOnlyList<LicenceAttempt> Attempts, DateOnly Today);

public sealed record InstanceChoice(Guid Id, string Name, string LongName, int MaxAgents);

/// <summary>The reseller's stock of pre-purchased keys (§4): import, list, one key with its history.</summary>
public sealed class KeyStock(PortalDbContext db, LicenceSecrets secrets, TimeProvider clock, ILogger<KeyStock> logger)
{
    public const int PageSize = 500;

    /// <summary>
    /// Keeps the good lines, refuses the bad ones with their line numbers, and refuses keys already in
    /// stock anywhere on the platform (found by fingerprint, so nothing says whose stock holds them).
    /// </summary>
    public async Task<ImportResult> ImportAsync(string pasted, string actor, CancellationToken ct)
    {
        var import = PpkImport.Parse(pasted);
        var errors = import.Errors.ToList();
        var fingerprints = import.Keys.ToDictionary(k => k.LineNumber, k => PrepurchasedKey.FingerprintOf(k.Ppk));
        var wanted = fingerprints.Values.ToList();
        var inStock = (await db.PrepurchasedKeys.IgnoreQueryFilters([PortalDbContext.TenantFilter])
                .Where(k => wanted.Contains(k.Fingerprint))
                .Select(k => k.Fingerprint)
                .ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);

        var now = clock.GetUtcNow();
        var resellerId = db.Tenant.ResellerId ?? throw new InvalidOperationException("Keys are imported in a reseller's scope.");
        var added = 0;
        foreach (var line in import.Keys)
        {
            if (inStock.Contains(fingerprints[line.LineNumber]))
            {
                errors.Add(new PpkImportError(line.LineNumber, line.Ppk.Masked, PpkError.Duplicate, "This key has already been imported and cannot be imported again"));
                continue;
            }

            db.PrepurchasedKeys.Add(PrepurchasedKey.Import(resellerId, line.Ppk, secrets.ProtectPpk(line.Ppk.Text), now, actor));
            added++;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone imported one of these keys in the moment since the check: nothing of this paste was kept.
            db.ChangeTracker.Clear();
            logger.LogInformation("A key import raced another import of the same key; nothing was imported");
            return new ImportResult(0, [new PpkImportError(0, string.Empty, PpkError.Duplicate, "One of these keys was imported at the same moment by another import. Nothing was imported; paste the list again.")], pasted);
        }

        errors.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
        var lines = pasted.ReplaceLineEndings("\n").Split('\n');
        var refused = string.Join('\n', errors.Select(e => e.LineNumber).Distinct().Where(n => n >= 1 && n <= lines.Length).Select(n => lines[n - 1].Trim()));
        return new ImportResult(added, errors, refused);
    }

    public async Task<KeyListModel> ListAsync(KeyFilter filter, CancellationToken ct)
    {
        var rows = Rows();
        if (filter.ParsedStatus is { } status)
        {
            if (status == PpkStatus.Available)
            {
                rows = rows.Where(r => r.Activation == null);
            }
            else
            {
                var statuses = PpkStatuses.ActivationStatusesOf(status).ToList();
                rows = rows.Where(r => r.Activation != null && statuses.Contains(r.Activation.Status));
            }
        }

        if (filter.NormalizedProduct is { } product)
        {
            rows = rows.Where(r => r.Key.Product == product);
        }

        var page = await rows.OrderByDescending(r => r.Key.ImportedAt).ThenBy(r => r.Key.Id).Take(PageSize + 1).Select(ToRow).ToListAsync(ct);
        var resellers = await ResellerNames.ForPlatformAsync(db, ct);
        var counts = await Rows().GroupBy(r => r.Activation == null ? (ActivationStatus?)null : r.Activation.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var products = await db.PrepurchasedKeys.Select(k => k.Product).Distinct().OrderBy(p => p).ToListAsync(ct);
        return new KeyListModel(
            filter,
            page.Take(PageSize).Select(r => Finish(r, resellers)).ToList(),
            page.Count > PageSize,
            products,
            Enum.GetValues<PpkStatus>().ToDictionary(s => s, s => counts.Where(c => PpkStatuses.Of(c.Key) == s).Sum(c => c.Count)));
    }

    /// <summary>The key and its history; the full key only when <paramref name="withFullKey"/> and <paramref name="canAct"/> (the polled status needs neither).</summary>
    public async Task<KeyDetailsModel?> DetailsAsync(Guid id, bool canAct, bool withFullKey, CancellationToken ct)
    {
        var row = await Rows().Where(r => r.Key.Id == id).Select(ToRow).SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var activation = await db.LicenceActivations.AsNoTracking().SingleOrDefaultAsync(a => a.PpkId == id, ct);
        var attempts = activation is null ? []
            : await db.LicenceAttempts.AsNoTracking().Where(a => a.ActivationId == activation.Id).OrderByDescending(a => a.StartedAt).ThenByDescending(a => a.Id).ToListAsync(ct);
        var fullText = canAct && withFullKey
            ? secrets.UnprotectPpk(await db.PrepurchasedKeys.Where(k => k.Id == id).Select(k => k.TextProtected).SingleAsync(ct))
            : null;
        var instances = canAct && withFullKey && activation is null ? await InstancesCoveredByAsync(row.Agents, ct) : [];
        var view = activation is null ? null : new ActivationView(activation, row.Masked, row.Agents, attempts, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return new KeyDetailsModel(Finish(row, await ResellerNames.ForPlatformAsync(db, ct)), canAct, fullText, view, instances);
    }

    /// <summary>The available keys (no activation) with at least <paramref name="agents"/> agents, smallest first.</summary>
    public async Task<List<KeyRow>> AvailableCoveringAsync(int agents, CancellationToken ct) =>
        (await Rows().Where(r => r.Activation == null && r.Key.Agents >= agents)
            .OrderBy(r => r.Key.Agents).ThenByDescending(r => r.Key.ImportedAt)
            .Take(PageSize)
            .Select(ToRow)
            .ToListAsync(ct))
        .Select(r => Finish(r, null))
        .ToList();

    /// <summary>The live, provisioned instances the user may see that a key of <paramref name="agents"/> agents can license.</summary>
    public Task<List<InstanceChoice>> InstancesCoveredByAsync(int agents, CancellationToken ct) =>
        db.Instances.AsNoTracking()
            .Where(i => i.ProvisionedAt != null && i.MaxAgents <= agents && i.Mode != ClientMode.Removed)
            .OrderBy(i => i.Name)
            .Select(i => new InstanceChoice(i.Id, i.Name, i.LongName, i.MaxAgents))
            .Take(PageSize)
            .ToListAsync(ct);

    private sealed class KeyWithActivation
    {
        public required PrepurchasedKey Key { get; init; }

        public LicenceActivation? Activation { get; init; }

        /// <summary>The activation's instance if the user may see it (a ResellerUser sees only their operators').</summary>
        public string? VisibleInstanceName { get; init; }
    }

    private sealed record RawRow(Guid ResellerId, Guid Id, string Masked, string Product, int Agents, int Servers, int Days, DateTimeOffset ImportedAt, ActivationStatus? Status, string? InstanceName, Guid? InstanceId, DateOnly? ExpiresOn, string? FailureReason);

    private static readonly System.Linq.Expressions.Expression<Func<KeyWithActivation, RawRow>> ToRow = r => new RawRow(
        r.Key.ResellerId,
        r.Key.Id, r.Key.Masked, r.Key.Product, r.Key.Agents, r.Key.Servers, r.Key.Days, r.Key.ImportedAt,
        r.Activation == null ? null : r.Activation.Status,
        r.VisibleInstanceName,
        r.VisibleInstanceName == null ? null : r.Activation!.InstanceId,
        r.Activation == null ? null : r.Activation.ExpiresOn,
        r.Activation == null ? null : r.Activation.FailureReason);

    private static KeyRow Finish(RawRow r, ResellerNames? resellers) =>
        new(r.Id, r.Masked, r.Product, r.Agents, r.Servers, r.Days, r.ImportedAt, PpkStatuses.Of(r.Status), r.InstanceName, r.InstanceId, r.ExpiresOn, r.FailureReason)
        {
            ResellerName = resellers?.Of(r.ResellerId),
        };


    private IQueryable<KeyWithActivation> Rows() =>
        from k in db.PrepurchasedKeys.AsNoTracking()
        join a in db.LicenceActivations.AsNoTracking() on k.Id equals a.PpkId into activations
        from a in activations.DefaultIfEmpty()
        join i in db.Instances.AsNoTracking() on a.InstanceId equals (Guid?)i.Id into instances
        from i in instances.DefaultIfEmpty()
        select new KeyWithActivation { Key = k, Activation = a, VisibleInstanceName = i == null ? null : i.Name };
}
