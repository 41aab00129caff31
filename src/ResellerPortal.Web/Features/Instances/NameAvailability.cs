using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Instances;

public sealed record NameAvailabilityAnswer(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("available")] bool Available,
    [property: JsonPropertyName("reason")] string? Reason);

/// <summary>
/// Whether a name can be used for a new instance: well-formed and not used by any instance of any
/// reseller, deleted ones still in quarantine included (§3). Names are global by the product's
/// rule, so the answer necessarily looks past the tenant filter, and says no more than "taken".
/// </summary>
public sealed class NameAvailability(PortalDbContext db)
{
    public const string Invalid = "invalid format";
    public const string Taken = "taken";
    public const string Quarantined = "quarantined";

    public async Task<NameAvailabilityAnswer> CheckAsync(string? name, CancellationToken ct)
    {
        var normalized = InstanceName.Normalize(name);
        if (InstanceName.FormatProblem(normalized) is not null)
        {
            return new NameAvailabilityAnswer(normalized, false, Invalid);
        }

        // Names are unique on the whole platform, deleted ones quarantined: only whether it is free is read, never whose it is.
        var existing = await db.Instances.IgnoreQueryFilters()
            .Where(i => i.Name == normalized)
            .Select(i => new { i.DeletedAt })
            .FirstOrDefaultAsync(ct);
        return existing switch
        {
            null => new NameAvailabilityAnswer(normalized, true, null),
            { DeletedAt: null } => new NameAvailabilityAnswer(normalized, false, Taken),
            _ => new NameAvailabilityAnswer(normalized, false, Quarantined),
        };
    }

    public static string Explain(string reason) => reason switch
    {
        Invalid => "Use 3–30 lower-case letters, digits and dashes, not starting or ending with a dash.",
        Taken => "This name is already used by another instance. Names are unique across all customers: modify it slightly and try again.",
        Quarantined => "This name belonged to an instance deleted recently; it becomes free again after the quarantine period.",
        _ => reason,
    };
}
