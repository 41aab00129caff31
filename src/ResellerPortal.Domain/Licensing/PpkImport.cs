namespace ResellerPortal.Domain.Licensing;

/// <summary>A good line of a pasted list. Line numbers start at 1, as the reseller sees them.</summary>
public sealed record PpkImportLine(int LineNumber, Ppk Ppk);

/// <summary>A bad line of a pasted list, with the text as pasted (shortened) and why it was refused.</summary>
public sealed record PpkImportError(int LineNumber, string Text, PpkError Error, string Reason);

/// <summary>
/// Keys pasted one per line (§4). Every line is judged on its own: good lines are kept, bad
/// ones reported with their line number, so one typo does not throw away a list of fifty.
/// Blank lines are skipped but still counted, so numbers match the reseller's text area.
/// Spaces around a key are paste noise and are trimmed; spaces inside a key are an error.
/// Duplicates in stock are the caller's check; this only sees the paste.
/// </summary>
public sealed class PpkImport
{
    private const int MaxEchoedLength = 120;

    private PpkImport(IReadOnlyList<PpkImportLine> keys, IReadOnlyList<PpkImportError> errors)
    {
        Keys = keys;
        Errors = errors;
    }

    public IReadOnlyList<PpkImportLine> Keys { get; }

    public IReadOnlyList<PpkImportError> Errors { get; }

    public static PpkImport Parse(string? pasted)
    {
        var keys = new List<PpkImportLine>();
        var errors = new List<PpkImportError>();
        var firstSeenOn = new Dictionary<string, int>(StringComparer.Ordinal);

        var lineNumber = 0;
        foreach (var rawLine in (pasted ?? string.Empty).ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var result = Ppk.Parse(line);
            if (!result.IsValid)
            {
                errors.Add(new PpkImportError(lineNumber, Echo(line), result.Failure.Error, result.Failure.Reason));
                continue;
            }

            if (firstSeenOn.TryGetValue(result.Ppk.Text, out var first))
            {
                errors.Add(new PpkImportError(lineNumber, Echo(line), PpkError.Duplicate, $"The same key is already on line {first}"));
                continue;
            }

            firstSeenOn.Add(result.Ppk.Text, lineNumber);
            keys.Add(new PpkImportLine(lineNumber, result.Ppk));
        }

        return new PpkImport(keys, errors);
    }

    private static string Echo(string line) => line.Length > MaxEchoedLength ? line[..MaxEchoedLength] + "…" : line;
}
