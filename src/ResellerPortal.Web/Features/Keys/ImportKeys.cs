using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

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

/// <summary>
/// Imports a pasted list of keys into the reseller's stock (§4): keeps the good lines, refuses the bad ones
/// with their line numbers, and refuses keys already in stock anywhere on the platform (found by
/// fingerprint, so nothing says whose stock holds them). Done: the number added. Refused: one message per
/// bad line beside the box, which then holds only the refused lines to fix and paste again, and the
/// summary for the whole form. Another import of one of these keys at the same moment makes the unique
/// index (IX_PrepurchasedKeys_Fingerprint) refuse the whole paste: nothing of it is kept.
/// </summary>
public sealed class ImportKeys(PortalDbContext db, IValidator<ImportKeysForm> validator, LicenceSecrets secrets, AuditActorAccessor actors, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(ImportKeysForm form, CancellationToken ct)
    {
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var pasted = form.Keys!;
        var import = PpkImport.Parse(pasted);
        var errors = import.Errors.ToList();
        var fingerprints = import.Keys.ToDictionary(k => k.LineNumber, k => PrepurchasedKey.FingerprintOf(k.Ppk));
        var wanted = fingerprints.Values.ToList();
        // Keys are unique across the platform: the check looks into every reseller's stock (and says only "already imported").
        var inStock = (await db.PrepurchasedKeys.IgnoreQueryFilters([PortalDbContext.TenantFilter])
                .Where(k => wanted.Contains(k.Fingerprint))
                .Select(k => k.Fingerprint)
                .ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);

        var now = clock.GetUtcNow();
        var actor = actors.DisplayName();
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

        await db.SaveChangesAsync(ct);
        if (errors.Count == 0)
        {
            return added;
        }

        errors.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
        var lines = pasted.ReplaceLineEndings("\n").Split('\n');
        form.Keys = string.Join('\n', errors.Select(e => e.LineNumber).Distinct().Where(n => n >= 1 && n <= lines.Length).Select(n => lines[n - 1].Trim()));
        var summary = $"{added} key{(added == 1 ? "" : "s")} added. {errors.Count} line{(errors.Count == 1 ? " was" : "s were")} not imported; {(errors.Count == 1 ? "it is" : "they are")} left in the box below to fix and import again (line numbers are those of your paste).";
        return new Refusals([
            new Refusal(string.Empty, summary),
            .. errors.Select(e => new Refusal(nameof(ImportKeysForm.Keys), e.LineNumber > 0 ? $"Line {e.LineNumber}: {e.Reason} ({e.Text})" : e.Reason)),
        ]);
    }
}
