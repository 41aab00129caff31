using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Records;

namespace ResellerPortal.Web.Features.Keys;

/// <summary>One key as the lists and pages show it: the key, its activation's status and the instance it is for.</summary>
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

/// <summary>The keys the user may see, each with its activation (if any): the one query behind the keys list, a key's page and the instance's choice of keys.</summary>
internal static class KeyRows
{
    public const int PageSize = 500;

    public sealed class KeyWithActivation
    {
        public required PrepurchasedKey Key { get; init; }

        public LicenceActivation? Activation { get; init; }

        /// <summary>The activation's instance if the user may see it (a ResellerUser sees only their operators').</summary>
        public string? VisibleInstanceName { get; init; }
    }

    public sealed record RawRow(Guid ResellerId, Guid Id, string Masked, string Product, int Agents, int Servers, int Days, DateTimeOffset ImportedAt, ActivationStatus? Status, string? InstanceName, Guid? InstanceId, DateOnly? ExpiresOn, string? FailureReason);

    public static readonly System.Linq.Expressions.Expression<Func<KeyWithActivation, RawRow>> ToRow = r => new RawRow(
        r.Key.ResellerId,
        r.Key.Id, r.Key.Masked, r.Key.Product, r.Key.Agents, r.Key.Servers, r.Key.Days, r.Key.ImportedAt,
        r.Activation == null ? null : r.Activation.Status,
        r.VisibleInstanceName,
        r.VisibleInstanceName == null ? null : r.Activation!.InstanceId,
        r.Activation == null ? null : r.Activation.ExpiresOn,
        r.Activation == null ? null : r.Activation.FailureReason);

    public static KeyRow Finish(RawRow r, ResellerNames? resellers) =>
        new(r.Id, r.Masked, r.Product, r.Agents, r.Servers, r.Days, r.ImportedAt, PpkStatuses.Of(r.Status), r.InstanceName, r.InstanceId, r.ExpiresOn, r.FailureReason)
        {
            ResellerName = resellers?.Of(r.ResellerId),
        };

    public static IQueryable<KeyWithActivation> Query(PortalDbContext db) =>
        from k in db.PrepurchasedKeys.AsNoTracking()
        join a in db.LicenceActivations.AsNoTracking() on k.Id equals a.PpkId into activations
        from a in activations.DefaultIfEmpty()
        join i in db.Instances.AsNoTracking() on a.InstanceId equals (Guid?)i.Id into instances
        from i in instances.DefaultIfEmpty()
        select new KeyWithActivation { Key = k, Activation = a, VisibleInstanceName = i == null ? null : i.Name };
}
