using System.Text.Json;

namespace ResellerPortal.Web.Features.Records;

/// <summary>Reads the audit trail's JSON of changes (property → [old, new]) for display.</summary>
public static class AuditChanges
{
    public static IReadOnlyList<(string Field, string? Old, string? New)> Parse(string json)
    {
        try
        {
            var changes = JsonSerializer.Deserialize<Dictionary<string, string?[]>>(json) ?? [];
            return changes.Where(c => c.Key is not ("Id" or "ResellerId"))
                .Select(c => (c.Key, c.Value.ElementAtOrDefault(0), c.Value.ElementAtOrDefault(1)))
                .ToList();
        }
        catch (JsonException)
        {
            return [("changes", null, json)];
        }
    }
}
