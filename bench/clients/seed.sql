-- Benchmark data for clients and DIDs (issue 5): the demo reseller "alpha" grows to 100,000 clients,
-- and the platform to 1,000,000 DIDs across 50 resellers. Run after the portal has migrated and
-- seeded its demo data (alpha with 300 clients, 60 sub-accounts and 300 DIDs, beta with 20 and 50).
-- The demo rows stay: they are part of the list like any other client.
BEGIN;

INSERT INTO "Resellers" ("Id", "Name", "Slug", "CreatedAt", "IsActive")
SELECT gen_random_uuid(), 'Bench Reseller ' || n, 'bench-' || n, now(), true
FROM generate_series(1, 48) n;

-- Clients: every first name with every last name (1,200 pairs), so the default sort ("first last") has
-- many ties that the id breaks. 12 of the 40 last names and 1 of the 10 company words hold "son": a
-- search for "son" matches about 37 % of the clients, enough for page 500 of 50 rows (it needs 24,951).
CREATE TEMP TABLE bench_names AS
SELECT ARRAY['Anna','Bruno','Chiara','David','Elena','Felix','Greta','Hugo','Ines','Jonas','Klara','Luca','Marta','Nils','Olga',
             'Paolo','Rosa','Sven','Tina','Umberto','Victor','Wanda','Xavier','Yara','Zeno','Alma','Boris','Carla','Dario','Edith'] AS first,
       ARRAY['Johnson','Anderson','Wilson','Thompson','Jackson','Robinson','Harrison','Nelson','Carlson','Larsson','Hansson','Nilsson',
             'Rossi','Meyer','Dubois','Smith','Jensen','Novak','Costa','Berg','Fischer','Moreau','Larsen','Ricci','Kowalski','Silva',
             'Weber','Horvat','Nagy','Ivanova','Keller','Bianchi','Brown','Garcia','Martin','Muller','Lopez','Schmidt','Fontaine','Russo'] AS last,
       ARRAY['Acme Calls','Blue Desk','Contact Hub','Delta Voice','Echo Support','Fast Lines','Green Phones','Harbor Telecom',
             'Sonar Telecom','Iris Networks'] AS company;

INSERT INTO "Clients" ("Id", "ResellerId", "OperatorId", "FirstName", "LastName", "Company", "Address", "City", "State", "Country", "Zip",
                       "Email", "Phone", "Currency", "VatNumber", "NextBillingDate", "Status", "BalanceManagement", "LowBalanceThreshold",
                       "LowBalanceEmail", "CreatedAt", "ActivatedAt", "DeletedAt")
SELECT gen_random_uuid(), r."Id", CASE WHEN n % 3 = 0 THEN us."Id" ELSE eu."Id" END,
       b.first[1 + n % 30], b.last[1 + (n / 30) % 40],
       CASE WHEN n % 5 = 0 THEN '' ELSE b.company[1 + (n * 3) % 10] || ' ' || (n % 997)::text END,
       (n % 90 + 1)::text || ' Bench Street', (ARRAY['Milano','Berlin','Paris','London','Madrid'])[1 + n % 5], '',
       (ARRAY['IT','DE','FR','GB','ES'])[1 + n % 5], lpad((10000 + n % 89999)::text, 5, '0'),
       lower(b.first[1 + n % 30] || '.' || b.last[1 + (n / 30) % 40]) || '.' || n || '@bench' || (n % 50) || '.example.com',
       '+3906' || lpad(n::text, 8, '0'),
       CASE WHEN n % 10 = 9 THEN 'USD' ELSE 'EUR' END,
       CASE WHEN n % 4 = 1 THEN 'IT' || lpad((10000000000 + n)::text, 11, '0') END,
       date_trunc('month', now() + interval '1 month')::date,
       CASE WHEN n % 20 = 0 THEN 'Wait' WHEN n % 20 = 1 THEN 'Blocked' WHEN n % 10 = 2 THEN 'Suspended' ELSE 'Active' END,
       CASE WHEN n % 2 = 0 THEN 'Hard' ELSE 'Soft' END,
       CASE WHEN n % 3 = 0 THEN 25 END, NULL,
       now() - make_interval(mins => n), CASE WHEN n % 20 <> 0 THEN now() END, NULL
FROM bench_names b,
     "Resellers" r
     JOIN "Operators" eu ON eu."ResellerId" = r."Id" AND eu."Name" = 'EU'
     JOIN "Operators" us ON us."ResellerId" = r."Id" AND us."Name" = 'US',
     generate_series(1, (100000 - (SELECT count(*) FROM "Clients" c JOIN "Resellers" a ON a."Id" = c."ResellerId" WHERE a."Slug" = 'alpha'))::int) n
WHERE r."Slug" = 'alpha';

-- A payment and a charge on every third bench client, so the list's balances add up ledger rows.
INSERT INTO "LedgerEntries" ("Id", "ResellerId", "ClientId", "Kind", "Amount", "Currency", "Description", "Key", "At", "ActorUserId", "ActorName")
SELECT gen_random_uuid(), c."ResellerId", c."Id", k.kind, k.amount, c."Currency", k.description, 'bench:' || k.kind || ':' || c."Id", now(), NULL, 'bench-seed'
FROM "Clients" c
CROSS JOIN (VALUES ('Payment', 50.00, 'Opening deposit'), ('Charge', -12.50, 'Monthly fee')) AS k(kind, amount, description)
WHERE c."Email" LIKE '%@bench%' AND split_part(split_part(c."Email", '@', 1), '.', 3)::int % 3 = 0;

-- A sub-account on every fifth bench client, for the DIDs to connect to.
INSERT INTO "SubAccounts" ("Id", "ResellerId", "Name", "Description", "ClientId", "PackageId", "CreatedAt", "ConnectedAt")
SELECT gen_random_uuid(), c."ResellerId", 'bench-' || split_part(split_part(c."Email", '@', 1), '.', 3), 'Desk phone', c."Id", NULL, now(), now()
FROM "Clients" c
WHERE c."Email" LIKE '%@bench%' AND split_part(split_part(c."Email", '@', 1), '.', 3)::int % 5 = 0;

-- DIDs up to 1,000,000 on the platform: ten country codes, +CC 2 and eight digits (one digit shorter
-- than the demo ranges, so no number clashes). Every 50th block of ten goes to alpha, the next to
-- beta, the rest round the bench resellers: numbers of one prefix belong to many resellers.
CREATE TEMP TABLE bench_resellers AS
SELECT "Id" AS id, CASE "Slug" WHEN 'alpha' THEN 0 WHEN 'beta' THEN 1 ELSE 1 + substr("Slug", 7)::int END AS k
FROM "Resellers" WHERE "Slug" IN ('alpha', 'beta') OR "Slug" LIKE 'bench-%';

INSERT INTO "Dids" ("Id", "ResellerId", "Number", "Description", "CreatedAt", "SetupFee", "MonthlyFee", "PerMinuteRate", "IncludedInUnlimitedPlan")
SELECT gen_random_uuid(), r.id,
       '+' || (ARRAY['44','33','49','39','34','31','32','41','43','45'])[1 + n % 10] || '2' || lpad((n / 10)::text, 8, '0'),
       'Bench block ' || (n / 1000), now(), 0, 0, 0, false
FROM generate_series(1, (1000000 - (SELECT count(*) FROM "Dids"))::int) n
JOIN bench_resellers r ON r.k = (n / 10) % 50;

-- A third of alpha's bench numbers connected to the bench sub-accounts, with their charges.
UPDATE "Dids" AS d
SET "SubAccountId" = s."Id", "ConnectionId" = gen_random_uuid(), "ConnectedAt" = now(),
    "SetupFee" = 5, "MonthlyFee" = 1.5, "PerMinuteRate" = 0.005, "BillingStart" = current_date
FROM (SELECT "Id", row_number() OVER (ORDER BY "Name") AS rn FROM "SubAccounts" WHERE "Name" LIKE 'bench-%') AS s,
     (SELECT d."Id", row_number() OVER (ORDER BY d."Number") AS rn
      FROM "Dids" d JOIN "Resellers" a ON a."Id" = d."ResellerId"
      WHERE a."Slug" = 'alpha' AND d."Description" LIKE 'Bench block %') AS n
WHERE d."Id" = n."Id" AND n.rn % 3 = 0 AND s.rn = n.rn / 3;

COMMIT;
