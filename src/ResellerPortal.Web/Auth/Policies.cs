using Microsoft.AspNetCore.Authorization;
using ResellerPortal.Domain;

namespace ResellerPortal.Web.Auth;

/// <summary>What each role may reach (§1). Every controller names one of these, or is explicitly anonymous.</summary>
public static class Policies
{
    public const string PlatformAdmin = nameof(PlatformAdmin);

    /// <summary>The provider's staff: PlatformAdmin and Support (read everything).</summary>
    public const string PlatformStaff = nameof(PlatformStaff);

    /// <summary>A reseller's own staff: ResellerAdmin and ResellerUser.</summary>
    public const string ResellerStaff = nameof(ResellerStaff);

    public const string ResellerAdmin = nameof(ResellerAdmin);

    public const string Client = nameof(Client);

    /// <summary>Who may see instances: the reseller's staff (their operators) and the provider's staff (all).</summary>
    public const string InstanceViewers = nameof(InstanceViewers);

    /// <summary>Who may create and edit instances; Support only reads (§1).</summary>
    public const string InstanceEditors = nameof(InstanceEditors);

    /// <summary>Who may set or change an instance's TEST state (§3): the provider only.</summary>
    public const string TestInstances = nameof(TestInstances);

    /// <summary>
    /// Who may see clients, packages, sub-accounts and DIDs with their notes, history and exports: the
    /// reseller's staff (their own, a ResellerUser only their operators' clients) and the provider's
    /// staff (every reseller's, read-only).
    /// </summary>
    public const string RecordViewers = nameof(RecordViewers);

    /// <summary>
    /// Who may change clients, packages, sub-accounts and DIDs, record payments and add notes: the
    /// reseller's staff only. Support reads (§1). PlatformAdmin reads too: a new client, package, note
    /// or ledger row is stamped with the acting user's reseller, which the provider's staff do not
    /// have, and money moved on a client belongs to the reseller's books; the provider acts inside a
    /// reseller by logging in as one of its users (§8).
    /// </summary>
    public const string RecordEditors = nameof(RecordEditors);

    /// <summary>Who may open the jobs dashboard (<c>/admin/jobs</c>): the provider's staff.</summary>
    public const string JobsViewers = nameof(JobsViewers);

    /// <summary>Who may trigger, retry and delete jobs on the dashboard; Support only reads (§1).</summary>
    public const string JobsOperators = nameof(JobsOperators);

    /// <summary>Who may import pre-purchased keys, see them in full, activate them and retry an activation: the reseller's staff (§4).</summary>
    public const string KeyActivators = nameof(KeyActivators);

    /// <summary>Who may set the address the key server mails its activation notes to: the reseller's admin.</summary>
    public const string LicenceEmailEditors = nameof(LicenceEmailEditors);

    /// <summary>Who may read the audit trail: the provider's staff (every tenant's) and a reseller's admin (its own).</summary>
    public const string AuditReaders = nameof(AuditReaders);

    /// <summary>Who may see recurring billing's runs and start one for a date (<c>/admin/billing</c>): the provider's admin.</summary>
    public const string BillingRunners = nameof(BillingRunners);

    /// <summary>Who may read the financial report (<c>/reports/financial</c>): the reseller's staff (a ResellerUser its operators' clients).</summary>
    public const string FinancialReaders = nameof(FinancialReaders);
    /// <summary>Who may change the client portal's brand and the e-mails to clients (§7, §6): the reseller's admin.</summary>
    public const string BrandingEditors = nameof(BrandingEditors);

    /// <summary>Anyone signed in, whatever the role.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Who may start acting as another login (§8): the roles <see cref="Domain.Acting.ActingRules"/> gives targets to.</summary>
    public const string ActingStarters = nameof(ActingStarters);

    /// <summary>
    /// Who may record money movements on a client: <see cref="RecordEditors"/>, and while acting as someone, only when the
    /// person really acting may move money too (Support moves none, not even as a reseller's staff; §1, §8).
    /// </summary>
    public const string MoneyMovers = nameof(MoneyMovers);

    /// <summary>The refusal beside an amount when <see cref="MoneyMovers"/> does not allow the person really acting.</summary>
    public const string NoMoneyRights = "Your own role moves no money, not even while acting as a reseller's staff.";

    public static void Register(AuthorizationOptions options)
    {
        options.AddPolicy(PlatformAdmin, p => p.RequireRole(Roles.PlatformAdmin));
        options.AddPolicy(PlatformStaff, p => p.RequireRole(Roles.PlatformAdmin, Roles.Support));
        options.AddPolicy(ResellerStaff, p => p.RequireRole(Roles.ResellerAdmin, Roles.ResellerUser).RequireClaim(PortalClaims.ResellerId));
        options.AddPolicy(ResellerAdmin, p => p.RequireRole(Roles.ResellerAdmin).RequireClaim(PortalClaims.ResellerId));
        options.AddPolicy(Client, p => p.RequireRole(Roles.Client).RequireClaim(PortalClaims.ResellerId));
        options.AddPolicy(InstanceViewers, p => p.RequireRole(Roles.PlatformAdmin, Roles.Support, Roles.ResellerAdmin, Roles.ResellerUser));
        options.AddPolicy(InstanceEditors, p => p.RequireRole(Roles.PlatformAdmin, Roles.ResellerAdmin, Roles.ResellerUser));
        options.AddPolicy(TestInstances, p => p.RequireRole(Roles.PlatformAdmin));
        options.AddPolicy(RecordViewers, p => p.RequireRole(Roles.PlatformAdmin, Roles.Support, Roles.ResellerAdmin, Roles.ResellerUser));
        options.AddPolicy(RecordEditors, p => p.RequireAssertion(c => c.User.MayEditRecords()));
        options.AddPolicy(JobsViewers, p => p.RequireRole(Roles.PlatformAdmin, Roles.Support));
        options.AddPolicy(JobsOperators, p => p.RequireAssertion(c => c.User.MayOperateJobs()));
        options.AddPolicy(KeyActivators, p => p.RequireRole(Roles.ResellerAdmin, Roles.ResellerUser).RequireClaim(PortalClaims.ResellerId));
        options.AddPolicy(LicenceEmailEditors, p => p.RequireRole(Roles.ResellerAdmin).RequireClaim(PortalClaims.ResellerId));
        options.AddPolicy(AuditReaders, p => p.RequireAssertion(c => c.User.IsInRole(Roles.PlatformAdmin) || c.User.IsInRole(Roles.Support)
            || (c.User.IsInRole(Roles.ResellerAdmin) && c.User.HasClaim(x => x.Type == PortalClaims.ResellerId))));
        options.AddPolicy(BillingRunners, p => p.RequireRole(Roles.PlatformAdmin));
        options.AddPolicy(FinancialReaders, p => p.RequireRole(Roles.ResellerAdmin, Roles.ResellerUser).RequireClaim(PortalClaims.ResellerId));
        options.AddPolicy(BrandingEditors, p => p.RequireRole(Roles.ResellerAdmin).RequireClaim(PortalClaims.ResellerId));
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        options.AddPolicy(ActingStarters, p => p.RequireAssertion(c => c.User.GetRole() is { } role && Domain.Acting.ActingRules.MayAct(role)));
        options.AddPolicy(MoneyMovers, p => p.RequireAssertion(c => c.User.MayEditRecords()
            && (c.User.FindFirst(PortalClaims.RealRole)?.Value is not { } realRole || Domain.Acting.ActingRules.RealActorMovesMoney(realRole))));
    }
}
