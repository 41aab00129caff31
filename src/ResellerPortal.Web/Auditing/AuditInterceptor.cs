using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Tenancy;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Auditing;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every insert, update and delete of an <see cref="IAudited"/>
/// entity, in the same SaveChanges (and so the same transaction) as the change itself.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>Secrets are never copied into the trail; a change to one is recorded as "(changed)".</summary>
    private static readonly HashSet<string> SecretProperties =
        [nameof(PortalUser.PasswordHash), nameof(PortalUser.SecurityStamp), nameof(PortalUser.ConcurrencyStamp)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddAuditEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddAuditEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddAuditEntries(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        // The actor of the context's own unit of work: the interceptor is shared by every context (singleton options).
        var actor = ((PortalDbContext)context).Actors.Current();
        var now = clock.GetUtcNow();
        var entries = context.ChangeTracker.Entries<IAudited>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        foreach (var entry in entries)
        {
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Added,
                EntityState.Deleted => AuditAction.Deleted,
                EntityState.Modified => AuditAction.Modified,
                EntityState.Detached or EntityState.Unchanged => throw new InvalidOperationException("Unchanged entries are filtered out above."),
            };
            var changes = DescribeChanges(entry, action);
            if (action == AuditAction.Modified && changes.Count == 0)
            {
                continue;
            }

            context.Add(new AuditEntry(
                now,
                TenantOf(entry.Entity),
                entry.Metadata.ClrType.Name,
                entry.Entity.Id,
                action,
                JsonSerializer.Serialize(changes),
                actor));
        }
    }

    private static Guid? TenantOf(IAudited entity) => entity switch
    {
        ITenantOwned owned => owned.ResellerId,
        PortalUser user => user.ResellerId,
        Reseller reseller => reseller.Id,
        _ => null,
    };

    private static Dictionary<string, string?[]> DescribeChanges(EntityEntry entry, AuditAction action)
    {
        var changes = new Dictionary<string, string?[]>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            // Encrypted secrets are named *Protected: the ciphertext is no business of the trail either.
            var secret = SecretProperties.Contains(name) || name.EndsWith("Protected", StringComparison.Ordinal);
            var change = action switch
            {
                AuditAction.Added => property.CurrentValue is null ? null : new[] { null, secret ? "(set)" : Format(property.CurrentValue) },
                AuditAction.Deleted => new[] { secret ? "(set)" : Format(property.OriginalValue), null },
                AuditAction.Modified => !property.IsModified || Equals(property.OriginalValue, property.CurrentValue) ? null
                    : secret ? new[] { "(old)", "(changed)" } : new[] { Format(property.OriginalValue), Format(property.CurrentValue) },
            };
            if (change is not null)
            {
                changes[name] = change;
            }
        }

        return changes;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTimeOffset d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
