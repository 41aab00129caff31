using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Billing;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Billing;

/// <summary>
/// "Clients running out within N days" (§6 balance runway) for the dashboard's total and the client list's
/// <c>runway</c> filter: the client page's runway (<see cref="BalanceRunway"/>) as ONE set-based query over every
/// client, so it costs one statement with 100,000 clients. Per client it computes the inputs of
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
    /// <summary>The ids of the clients (every tenant's; compose it with the tenant-filtered <c>db.Clients</c>) whose balance runs out within <paramref name="days"/> days.</summary>
    public IQueryable<Guid> RunningOutWithin(int days)
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
        return db.Database.SqlQuery<Guid>($"""
            SELECT c."Id" AS "Value"
            FROM "Clients" c
            CROSS JOIN LATERAL (
                SELECT greatest(0, -coalesce(sum(l."Amount"), 0)) AS spent
                FROM "LedgerEntries" l
                WHERE l."ClientId" = c."Id" AND l."At" >= {since} AND l."Kind" IN ('Charge', 'Adjustment')
                    AND l."Key" NOT LIKE 'fee:%' AND l."Key" NOT LIKE 'basket:%'
            ) s
            CROSS JOIN LATERAL (
                SELECT CASE WHEN c."NextBillingDate" > {horizon} OR c."Status" NOT IN ('Active', 'Suspended') THEN 0 ELSE
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
                            AND b."DueDate" <= greatest(c."NextBillingDate", {today})), 0)
                END AS due
            ) f
            WHERE c."DeletedAt" IS NULL AND ({reseller}::uuid IS NULL OR c."ResellerId" = {reseller})
                AND (c."Balance" <= 0 OR 30 * c."Balance" - {days} * s.spent - 30 * f.due <= 0)
            """);
    }
}
