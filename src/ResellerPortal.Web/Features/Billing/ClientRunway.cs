using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Billing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Data.Configurations;

namespace ResellerPortal.Web.Features.Billing;

/// <summary>
/// "Clients running out within N days" (§6 balance runway) for the dashboard's total and the client list's
/// <c>runway</c> filter: the client page's runway (<see cref="BalanceRunway"/>) as ONE set-based query over every
/// client, so it costs one statement with 100,000 clients (the spend found as <see cref="RunwaySpend"/> says; the due
/// amounts are computed only for the clients whose billing run falls inside the window). Per client it computes the
/// inputs of
/// <see cref="BalanceRunway.RunsOutWithin"/> the way the client page does (<see cref="NextChargePreview"/>) and
/// applies the same inequality: runs out when the balance is at or below 0, or when
/// 30 × balance − N × spent − 30 × due ≤ 0, where
/// <list type="bullet">
/// <item><b>spent</b> is the net of the last 30 days' charges and adjustments other than recurring fees and
/// basket items (keys <c>fee:</c> and <c>basket:</c>), counted as spend, never below 0;</item>
/// <item><b>due</b> is the next run's total when that run is inside the window (the next billing date on or before
/// today + N) for a client the run bills (Active or Suspended): the full monthly fee of each package and DID
/// connected by the period's start whose charge for that period is not on the ledger yet, and the basket items
/// not charged nor cancelled that fall due by the run's date — the planner's full-period charges
/// (<see cref="BillingPlanner"/>).</item>
/// </list>
/// Where the planner goes further the list stays with the full period: a source connected inside the previous or
/// the current period (a prorated stub, a DID whose billing starts inside the period) is left out of the sum, and a
/// client whose billing date passed long ago (catch-up of several periods) counts one period. An integration test
/// compares this query with the client page on built data.
/// </summary>
public sealed class ClientRunway(PortalDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The ids of the clients (every tenant's; compose it with the tenant-filtered <c>db.Clients</c>) whose balance runs out
    /// within <paramref name="days"/> days. <paramref name="spend"/> says how each client's spend is found: the client list
    /// takes the first page's rows and looks it up client by client, the dashboard counts every client and sums it once.
    /// </summary>
    public IQueryable<Guid> RunningOutWithin(int days, RunwaySpend spend = RunwaySpend.PerClient)
    {
        if (days is < 0 or > BalanceRunway.MaxWindowDays)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, $"A runway window is 0–{BalanceRunway.MaxWindowDays} days.");
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var horizon = today.AddDays(days);
        var since = now.AddDays(-30);
        // Narrows the scan to the reseller's clients; the caller's tenant filter decides what is shown.
        var reseller = db.Tenant.SeesAllTenants ? null : db.Tenant.ResellerId;
        // Positional: {0} the reseller (null for every tenant's), {1} the start of the 30 days, {2} the window's last day,
        // {3} today, {4} the window in days. The spend is a join named s with a column spent.
        return db.Database.SqlQuery<Guid>(FormattableStringFactory.Create($$"""
            SELECT c."Id" AS "Value"
            FROM "Clients" c
            {{(spend == RunwaySpend.Summed ? SummedSpend : PerClientSpend)}}
            CROSS JOIN LATERAL (
                SELECT CASE WHEN c."NextBillingDate" > {2} OR c."Status" NOT IN ('Active', 'Suspended') THEN 0 ELSE
                    coalesce((
                        SELECT sum(p."MonthlyFee") FROM "SubAccounts" sa JOIN "Packages" p ON p."Id" = sa."PackageId"
                        WHERE sa."ClientId" = c."Id" AND p."MonthlyFee" > 0
                            AND coalesce((sa."ConnectedAt" AT TIME ZONE 'UTC')::date, '-infinity'::date) <= c."NextBillingDate"
                            AND NOT EXISTS (SELECT 1 FROM "LedgerEntries" x WHERE x."ResellerId" = c."ResellerId"
                                AND x."Key" = 'fee:sub:' || replace(sa."Id"::text, '-', '') || ':' || to_char(c."NextBillingDate", 'YYYY-MM'))), 0)
                    + coalesce((
                        SELECT sum(d."MonthlyFee") FROM "Dids" d JOIN "SubAccounts" sa ON sa."Id" = d."SubAccountId"
                        WHERE sa."ClientId" = c."Id" AND d."MonthlyFee" > 0
                            AND greatest(coalesce(d."BillingStart", '-infinity'::date), coalesce((d."ConnectedAt" AT TIME ZONE 'UTC')::date, '-infinity'::date),
                                coalesce((sa."ConnectedAt" AT TIME ZONE 'UTC')::date, '-infinity'::date)) <= c."NextBillingDate"
                            AND NOT EXISTS (SELECT 1 FROM "LedgerEntries" x WHERE x."ResellerId" = c."ResellerId"
                                AND x."Key" = 'fee:did:' || replace(d."Id"::text, '-', '') || ':' || to_char(c."NextBillingDate", 'YYYY-MM'))), 0)
                    + coalesce((
                        SELECT sum(b."Price") FROM "BasketItems" b
                        WHERE b."ClientId" = c."Id" AND b."ChargedAt" IS NULL AND b."Status" <> 'Cancelled'
                            AND b."DueDate" <= greatest(c."NextBillingDate", {3})), 0)
                END AS due
            ) f
            WHERE c."DeletedAt" IS NULL AND ({0}::uuid IS NULL OR c."ResellerId" = {0})
                AND (c."Balance" <= 0 OR 30 * c."Balance" - {4} * coalesce(s.spent, 0) - 30 * f.due <= 0)
            """, reseller, since, horizon, today, days));
    }

    /// <summary>The last 30 days' charges and adjustments other than fees and basket items (net, as spend never below 0).</summary>
    private const string SpendFilter = $$"""
        l."At" >= {1} AND {{LedgerEntryConfiguration.SpendRows}}
        """;

    /// <summary>One client's spend, an index lookup per client (the ledger's client-and-time index): a page stops early.</summary>
    private const string PerClientSpend = $$"""
        CROSS JOIN LATERAL (
            SELECT greatest(0, -coalesce(sum(l."Amount"), 0)) AS spent FROM "LedgerEntries" l
            WHERE l."ClientId" = c."Id" AND {{SpendFilter}}
        ) s
        """;

    /// <summary>
    /// Every client's spend, summed once over the reseller's last 30 days (the ledger's reseller-and-time index) and joined:
    /// with 100,000 clients the per-client lookups took 1.5–2.1 s per dashboard view, this 0.3 s (bench/README.md, issue 14).
    /// </summary>
    private const string SummedSpend = $$"""
        LEFT JOIN (
            SELECT l."ClientId", greatest(0, -sum(l."Amount")) AS spent FROM "LedgerEntries" l
            WHERE ({0}::uuid IS NULL OR l."ResellerId" = {0}) AND {{SpendFilter}}
            GROUP BY l."ClientId"
        ) s ON s."ClientId" = c."Id"
        """;
}

/// <summary>How <see cref="ClientRunway.RunningOutWithin"/> finds each client's spend.</summary>
public enum RunwaySpend
{
    /// <summary>Looked up client by client: a query that stops at a page's rows reads only theirs.</summary>
    PerClient,

    /// <summary>Summed once over the reseller's ledger and joined: a count over every client.</summary>
    Summed,
}
