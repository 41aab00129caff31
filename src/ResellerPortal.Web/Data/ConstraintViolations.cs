using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using ResellerPortal.Domain;

namespace ResellerPortal.Web.Data;

/// <summary>
/// A unique or check constraint refused a write: the one translation of PostgreSQL's 23505 and 23514
/// into a refusal beside a field. It is a <see cref="RuleViolationException"/>, so the result helper
/// shows it like any other rule; jobs that rely on a unique key to do something once catch it and
/// look at <see cref="Constraint"/>. The messages never say who holds the clashing value.
/// </summary>
public sealed class ConstraintViolationException(string constraint, string field, string message, Exception inner)
    : RuleViolationException(field, message, inner)
{
    public string Constraint { get; } = constraint;
}

public static class ConstraintViolations
{
    /// <summary>What each named constraint means to a user. An unnamed one gets the generic message.</summary>
    private static readonly Dictionary<string, (string Field, string Message)> Known = new(StringComparer.Ordinal)
    {
        ["IX_Instances_Name"] = ("Name", "This name is taken (names of deleted instances stay reserved)."),
        ["IX_Instances_OneTestPerOperator"] = ("State", "This operator already has its TEST instance."),
        ["IX_LicenceActivations_PpkId"] = ("PpkId", "This key has already been activated (or is being activated): a key is activated once."),
        ["IX_PrepurchasedKeys_Fingerprint"] = ("Keys", "One of these keys is already in stock. Nothing of this paste was kept; paste the list again."),
        ["IX_Dids_Number"] = ("Number", "One of these numbers is not available. Nothing was added."),
        ["IX_Clients_ResellerId_Email"] = ("Email", "Another client already uses this e-mail address."),
        ["IX_Packages_ResellerId_Name"] = ("Name", "Another package already has this name."),
        ["IX_SubAccounts_ResellerId_Name"] = ("Name", "Another sub-account already has this name."),
        ["IX_Operators_ResellerId_Name"] = ("Name", "Another operator of this reseller already has this name."),
        ["IX_Operators_Domain"] = ("Domain", Operator.DomainTaken),
        ["CK_Operators_Domain_Normalized"] = ("Domain", "Enter a host name such as eu.example-live.com."),
        ["IX_Resellers_Slug"] = ("Slug", "Another reseller already has this short name."),
        ["IX_BasketItems_ResellerId_ItemId"] = ("ItemId", "Another basket item already has this item id."),
        ["IX_Payments_ResellerId_Reference"] = ("Reference", "Another payment already has this payment id."),
        ["EmailIndex"] = ("Email", "This e-mail address is already in use."),
        ["UserNameIndex"] = ("Email", "This e-mail address is already in use."),
        ["IX_Users_ClientLogin"] = ("Email", "This e-mail address is already in use."),
        ["IX_ResellerHostnames_Hostname"] = ("Hostname", "This host name is not available."),
        ["IX_BrandSettings_ResellerId"] = ("", "The branding was saved elsewhere at the same moment; save again."),
        ["IX_BrandImages_ResellerId_Slot"] = ("", "An image was saved elsewhere at the same moment; save again."),
        ["IX_EmailTemplates_ResellerId_Kind"] = ("", "This e-mail was saved elsewhere at the same moment; save again."),
    };

    /// <summary>The refusal for a failed write, or null when it is not a constraint violation.</summary>
    public static ConstraintViolationException? Translate(Exception exception)
    {
        var postgres = exception as PostgresException ?? exception.InnerException as PostgresException;
        if (postgres is not { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation })
        {
            return null;
        }

        var name = postgres.ConstraintName ?? string.Empty;
        var (field, message) = Known.TryGetValue(name, out var known)
            ? known
            : (string.Empty, postgres.SqlState == PostgresErrorCodes.UniqueViolation
                ? "This clashes with a record that already exists. Nothing was saved."
                : "A value is outside what is allowed. Nothing was saved.");
        return new ConstraintViolationException(name, field, message, exception);
    }
}

/// <summary>Throws <see cref="ConstraintViolationException"/> in place of EF's update exception for a constraint violation.</summary>
public sealed class ConstraintViolationInterceptor : SaveChangesInterceptor
{
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Rethrow(eventData);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Rethrow(eventData);
        return Task.CompletedTask;
    }

    private static void Rethrow(DbContextErrorEventData eventData)
    {
        if (eventData.Exception is DbUpdateException && ConstraintViolations.Translate(eventData.Exception) is { } violation)
        {
            throw violation;
        }
    }
}
