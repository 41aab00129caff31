using System.Text;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Audit;

/// <summary>
/// The product's words for what the audit trail stores in the code's words: record types as people call them,
/// field labels as the forms show them, which fields are secrets, money, links to other records, or noise.
/// A field without an entry here is labelled from its name ("NextBillingDate" → "Next billing date").
/// </summary>
public static class AuditVocabulary
{
    /// <summary>The audited record types, in the order the filter lists them, with their names for people.</summary>
    public static IReadOnlyList<(string Type, string Label)> RecordTypes { get; } =
    [
        (nameof(Client), "Client"),
        (nameof(SubAccount), "Sub-account"),
        (nameof(Package), "Package"),
        (nameof(Did), "DID"),
        (nameof(DidDefaults), "DID defaults"),
        (nameof(LedgerEntry), "Ledger entry"),
        (nameof(Instance), "Instance"),
        (nameof(LicenceActivation), "Licence activation"),
        (nameof(PrepurchasedKey), "Key"),
        (nameof(Operator), "Operator"),
        (nameof(Reseller), "Reseller"),
        (nameof(PortalUser), "User"),
    ];

    /// <summary>Fields that name another record by id, and the record type they point to.</summary>
    public static IReadOnlyDictionary<string, string> References { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["OperatorId"] = nameof(Operator),
        ["ClientId"] = nameof(Client),
        ["PackageId"] = nameof(Package),
        ["SubAccountId"] = nameof(SubAccount),
        ["InstanceId"] = nameof(Instance),
        ["PpkId"] = nameof(PrepurchasedKey),
    };

    /// <summary>Fields nobody needs to read: keys, concurrency tokens, derived copies, stamps the row itself shows (when created, last changed).</summary>
    private static readonly HashSet<string> Hidden =
    [
        "Id", "ResellerId", "Version", "ConcurrencyStamp", "SecurityStamp", "NormalizedEmail", "NormalizedUserName",
        "LastChangedAt", "LastChangedBy", "CreatedAt", "ActorUserId", "ConnectionId", "Key", "Fingerprint",
    ];

    /// <summary>Money fields per record type; their currency is the record's (or the change's) Currency.</summary>
    private static readonly HashSet<(string Type, string Field)> Money =
    [
        (nameof(Client), nameof(Client.LowBalanceThreshold)),
        (nameof(LedgerEntry), nameof(LedgerEntry.Amount)),
        (nameof(Package), nameof(Package.MonthlyFee)),
        (nameof(Package), nameof(Package.SetupFee)),
        (nameof(Package), nameof(Package.MarkupFixed)),
    ];

    /// <summary>Labels that differ from the field's name, as on the forms; by record type first, then for any type.</summary>
    private static readonly Dictionary<(string? Type, string Field), string> Labels = new()
    {
        [(null, "VatNumber")] = "VAT number",
        [(null, "KMode")] = "K-Mode",
        [(null, "KNumber")] = "K-Number",
        [(null, "KApiKeyProtected")] = "K-ApiKey",
        [(null, "PendingAdminPasswordProtected")] = "Administrator password",
        [(null, "LicenceKeyProtected")] = "Licence key",
        [(null, "TextProtected")] = "Key text",
        [(null, "PasswordHash")] = "Password",
        [(null, "PpkId")] = "Key",
        [(null, "Email")] = "Email",
        [(null, "Phone")] = "Phone number",
        [(null, "PhoneNumber")] = "Phone number",
        [(null, "MaxAgents")] = "Max. agents",
        [(null, "RetentionDays")] = "Max. retention (days)",
        [(null, "IsActive")] = "Active",
        [(null, "IsDisabled")] = "Disabled",
        [(null, "SubAccountId")] = "Sub-account",
        [(null, "LowBalanceThreshold")] = "Low-balance warning at",
        [(null, "LowBalanceEmail")] = "Warning goes to",
        [(null, "ForwardTo")] = "Forward to",
        [(null, "VoicemailEmail")] = "Voicemail to",
        [(null, "BillingStart")] = "Billing starts",
        [(null, "IncludedInUnlimitedPlan")] = "Included in unlimited plan",
        [(null, "FreeDays")] = "Free days before billing starts",
        [(null, "DisplayName")] = "Name",
        [(nameof(Instance), "Name")] = "Client (instance name)",
        [(nameof(Instance), "Mode")] = "Client mode",
        [(nameof(Operator), "Domain")] = "Domain hosting the instances",
        [(nameof(Operator), "CertificateExpiresOn")] = "Certificate expiry date",
        [(nameof(Reseller), "Slug")] = "Short name",
        [(nameof(Package), "MarkupFixed")] = "Fixed markup / min",
        [(nameof(Package), "MarkupPercent")] = "Markup %",
        [(nameof(Package), "PulseFirst")] = "Pulse: first (s)",
        [(nameof(Package), "PulseNext")] = "Pulse: then every (s)",
        [(nameof(Package), "Route")] = "International route",
        [(nameof(Package), "FreeOnNetCalls")] = "Free calls between the provider's customers",
        [(nameof(Package), "FreeMinutes")] = "Free minutes per billing period",
        [(nameof(Package), "AreaRatesText")] = "Per-area rates",
        [(nameof(Package), "FreeZonesText")] = "Free zones",
        [(nameof(Package), "ClientCanEditSubAccounts")] = "The client can edit their sub-accounts",
        [(nameof(Did), "PerMinuteRate")] = "Incoming rate per minute",
        [(nameof(DidDefaults), "PerMinuteRate")] = "Incoming rate per minute",
    };

    public static string TypeLabel(string type) =>
        RecordTypes.FirstOrDefault(t => t.Type == type) is { Label: { } label } ? label : Words(type);

    public static bool IsKnownType(string? type) => RecordTypes.Any(t => t.Type == type);

    public static bool IsHidden(string field) => Hidden.Contains(field);

    /// <summary>Encrypted secrets are named *Protected; Identity's password hash is one too. Shown only as "changed".</summary>
    public static bool IsSecret(string field) => field == "PasswordHash" || field.EndsWith("Protected", StringComparison.Ordinal);

    public static bool IsMoney(string type, string field) => Money.Contains((type, field));

    public static string FieldLabel(string type, string field) =>
        Labels.TryGetValue((type, field), out var label) || Labels.TryGetValue((null, field), out label)
            ? label
            : Words(field.EndsWith("Id", StringComparison.Ordinal) && field.Length > 2 ? field[..^2] : field);

    /// <summary>"NextBillingDate" → "Next billing date"; "SimpleHideServices" → "Simple hide services".</summary>
    public static string Words(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
