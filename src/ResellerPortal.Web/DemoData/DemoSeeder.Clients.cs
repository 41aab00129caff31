using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Domain.Packages;

namespace ResellerPortal.Web.DemoData;

/// <summary>
/// Demo clients, packages, sub-accounts and DIDs (issue 5). Hundreds of rows go in as single
/// INSERT … SELECT statements over generate_series, so the seed stays fast for every test class.
/// </summary>
public sealed partial class DemoSeeder
{
    public const int DemoClientsAlpha = 300;
    public const int DemoClientsBeta = 20;
    public const string SeedExamplePackage = "Seed example";

    /// <summary>The first number of Alpha's demo range of 300 DIDs.</summary>
    public const string AlphaRangeFirst = "+442079460000";

    private async Task SeedClientsAsync(Reseller alpha, Reseller beta, Operator eu, Operator us, Operator main, DateTimeOffset now, CancellationToken ct)
    {
        var standard = new Package(alpha.Id, "Standard EU", "EUR", now);
        standard.SetMarkup(0.0025m, 20m);
        standard.SetFees(5m, 10m);
        standard.SetFreeMinutes(100);
        standard.SetAreaRates(PackageLines.ParseAreaRates("44 0.0200 United Kingdom\n4420 0.0150 London", out _));
        standard.SetFreeZones(PackageLines.ParseFreeZones("FR\nmax 0.0010 very cheap", out _));
        // The seed's worked example: cost 0.009 + 0.0025, then +20 % = 0.0138 per minute.
        var example = new Package(alpha.Id, SeedExamplePackage, "EUR", now);
        example.SetMarkup(0.0025m, 20m);
        var perSecond = new Package(alpha.Id, "Per-second USD", "USD", now);
        perSecond.SetMarkup(0m, 35m);
        perSecond.SetPulse(new Pulse(6, 6));
        perSecond.SetFees(2.5m, 0m);
        var betaBasic = new Package(beta.Id, "Beta Basic", "EUR", now);
        betaBasic.SetMarkup(0.001m, 10m);
        db.Packages.AddRange(standard, example, perSecond, betaBasic);
        db.DidDefaults.Add(NewDidDefaults(alpha.Id, now));
        await db.SaveChangesAsync(ct);

        var inAMonth = now.UtcDateTime.AddMonths(1);
        var nextBilling = new DateOnly(inAMonth.Year, inAMonth.Month, 1);
        await InsertClientsAsync(alpha.Id, eu.Id, us.Id, "alpha", DemoClientsAlpha, nextBilling, now, ct);
        await InsertClientsAsync(beta.Id, main.Id, main.Id, "beta", DemoClientsBeta, nextBilling, now, ct);

        // One sub-account on each of Alpha's first 60 clients in EUR, half with the standard package.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "SubAccounts" ("Id", "ResellerId", "Name", "Description", "ClientId", "PackageId", "CreatedAt", "ConnectedAt")
            SELECT gen_random_uuid(), c."ResellerId", 'sub-' || split_part(c."Email", '@', 1), 'Desk phone', c."Id",
                   CASE WHEN c.rn % 2 = 0 THEN {standard.Id}::uuid END, {now}::timestamptz, {now}::timestamptz
            FROM (SELECT *, row_number() OVER (ORDER BY "Email") AS rn FROM "Clients" WHERE "ResellerId" = {alpha.Id}::uuid AND "Currency" = 'EUR') AS c
            WHERE c.rn <= 60
            """,
            ct);

        // 300 numbers for Alpha (a range), 50 for Beta; Alpha's first 40 connected to those sub-accounts.
        await InsertDidRangeAsync(alpha.Id, 442079460000, 300, "London range", now, ct);
        await InsertDidRangeAsync(beta.Id, 33140000000, 50, "Paris range", now, ct);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            UPDATE "Dids" AS d
            SET "SubAccountId" = s."Id", "ConnectionId" = gen_random_uuid(), "ConnectedAt" = {now}::timestamptz,
                "MonthlyFee" = 1.5, "SetupFee" = 5, "PerMinuteRate" = 0.005, "BillingStart" = {DateOnly.FromDateTime(now.UtcDateTime)}::date
            FROM (SELECT "Id", row_number() OVER (ORDER BY "Name") AS rn FROM "SubAccounts" WHERE "ResellerId" = {alpha.Id}::uuid) AS s,
                 (SELECT "Id", row_number() OVER (ORDER BY "Number") AS rn FROM "Dids" WHERE "ResellerId" = {alpha.Id}::uuid) AS n
            WHERE d."Id" = n."Id" AND n.rn = s.rn AND s.rn <= 40
            """,
            ct);

        // A payment and a setup charge on those clients, so balances and histories are not empty.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "LedgerEntries" ("Id", "ResellerId", "ClientId", "Kind", "Amount", "Currency", "Description", "Key", "At", "ActorUserId", "ActorName")
            SELECT gen_random_uuid(), s."ResellerId", s."ClientId", k.kind, k.amount, 'EUR', k.description, 'demo:' || k.kind || ':' || s."Id", {now}::timestamptz, NULL, 'system:demo-seed'
            FROM "SubAccounts" AS s
            CROSS JOIN (VALUES ('Payment', 50.00, 'Opening deposit'), ('Charge', -10.00, 'Setup fee: Standard EU')) AS k(kind, amount, description)
            WHERE s."ResellerId" = {alpha.Id}::uuid
            """,
            ct);
    }

    private static DidDefaults NewDidDefaults(Guid resellerId, DateTimeOffset now)
    {
        var defaults = new DidDefaults(resellerId, now);
        defaults.Change(5m, 1.5m, 0.005m, 7);
        return defaults;
    }

    private async Task InsertClientsAsync(Guid resellerId, Guid operatorA, Guid operatorB, string domain, int count, DateOnly nextBilling, DateTimeOffset now, CancellationToken ct) =>
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "Clients" ("Id", "ResellerId", "OperatorId", "FirstName", "LastName", "Company", "Address", "City", "State", "Country", "Zip",
                                   "Email", "Phone", "Currency", "VatNumber", "NextBillingDate", "Status", "BalanceManagement", "LowBalanceThreshold",
                                   "LowBalanceEmail", "CreatedAt", "ActivatedAt", "DeletedAt")
            SELECT gen_random_uuid(), {resellerId}::uuid, CASE WHEN n % 3 = 0 THEN {operatorB}::uuid ELSE {operatorA}::uuid END,
                   (ARRAY['Anna','Bruno','Chiara','David','Elena','Felix','Greta','Hugo','Ines','Jonas','Klara','Luca','Marta','Nils','Olga','Paolo','Rosa','Sven','Tina','Umberto'])[1 + n % 20],
                   (ARRAY['Rossi','Meyer','Dubois','Smith','Jensen','Novak','Costa','Berg','Fischer','Moreau','Larsen','Ricci','Kowalski','Silva','Weber','Horvat','Nagy','Ivanova','Keller','Bianchi'])[1 + (n / 20) % 20],
                   CASE WHEN n % 4 = 0 THEN '' ELSE (ARRAY['Acme Calls','Blue Desk','Contact Hub','Delta Voice','Echo Support','Fast Lines','Green Phones'])[1 + n % 7] || ' ' || (n / 7)::text END,
                   (n % 90 + 1)::text || ' Demo Street', (ARRAY['Milano','Berlin','Paris','London','Madrid'])[1 + n % 5], '',
                   (ARRAY['IT','DE','FR','GB','ES'])[1 + n % 5], lpad((10000 + n)::text, 5, '0'),
                   'client' || lpad(n::text, 4, '0') || '@' || {domain} || '.example.com', '+3902' || lpad((1000000 + n)::text, 8, '0'),
                   CASE WHEN n % 10 = 9 THEN 'USD' ELSE 'EUR' END,
                   CASE WHEN n % 4 <> 0 AND n % 5 = 0 THEN 'IT' || lpad((12345600000 + n)::text, 11, '0')
                        WHEN n % 4 <> 0 AND n % 5 = 1 THEN 'DE' || lpad((123456000 + n)::text, 9, '0')
                        WHEN n % 4 <> 0 AND n % 5 = 2 THEN 'FR' || 'AB' || lpad((123456000 + n)::text, 9, '0')
                        WHEN n % 4 <> 0 AND n % 5 = 4 THEN 'ES' || 'A' || lpad((1234000 + n)::text, 7, '0') || 'B' END,
                   {nextBilling}::date,
                   (ARRAY['Wait','Active','Active','Active','Active','Active','Suspended','Blocked'])[1 + n % 8],
                   CASE WHEN n % 8 BETWEEN 1 AND 5 AND n % 2 = 0 THEN 'Hard' ELSE 'Soft' END,
                   CASE WHEN n % 3 = 0 THEN 25 END, NULL,
                   {now}::timestamptz - make_interval(hours => n), CASE WHEN n % 8 <> 0 THEN {now}::timestamptz END, NULL
            FROM generate_series(1, {count}) AS n
            """,
            ct);

    private async Task InsertDidRangeAsync(Guid resellerId, long first, int count, string description, DateTimeOffset now, CancellationToken ct) =>
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "Dids" ("Id", "ResellerId", "Number", "Description", "CreatedAt", "SetupFee", "MonthlyFee", "PerMinuteRate", "IncludedInUnlimitedPlan")
            SELECT gen_random_uuid(), {resellerId}::uuid, '+' || (n)::text, {description}::text, {now}::timestamptz, 0, 0, 0, false
            FROM generate_series({first}::bigint, {first + count - 1}::bigint) AS n
            """,
            ct);
}
