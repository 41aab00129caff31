-- Benchmark data for recurring billing (issue 11): 100,000 clients of the demo reseller "alpha", all ACTIVE
-- and due on the run date (psql variable run_date), each with a sub-account on a package (9.90 a month),
-- a connected DID (1.50 a month) and a basket item due (4.00). Every tenth sub-account was connected inside
-- the previous period (a prorated stub), every fourth client is HARD, every third has a low-balance
-- threshold of 20, and every second has an opening payment of 20. One client in ten is billed in USD
-- (on a USD package). Run after the portal has migrated and seeded its demo data.
BEGIN;

INSERT INTO "Packages" ("Id", "ResellerId", "Name", "Currency", "MarkupFixed", "MarkupPercent", "PulseFirst", "PulseNext", "Route",
                        "FreeOnNetCalls", "MonthlyFee", "SetupFee", "FreeMinutes", "AreaRatesText", "FreeZonesText", "UsesPackageServices",
                        "Services", "ViewSetting", "ClientCanEditSubAccounts", "CreatedAt")
SELECT gen_random_uuid(), r."Id", 'Bench ' || cur, cur, 0, 0, 60, 60, 'Value', false, 9.90, 0, 0, '', '', false, 0, 'Standard', false, now()
FROM "Resellers" r, (VALUES ('EUR'), ('USD')) AS c(cur)
WHERE r."Slug" = 'alpha';

CREATE TEMP TABLE bench_clients AS
SELECT n, gen_random_uuid() AS id, gen_random_uuid() AS sub, gen_random_uuid() AS did, gen_random_uuid() AS item,
       CASE WHEN n % 10 = 9 THEN 'USD' ELSE 'EUR' END AS currency
FROM generate_series(1, 100000) n;

INSERT INTO "Clients" ("Id", "ResellerId", "OperatorId", "FirstName", "LastName", "Company", "Address", "City", "State", "Country", "Zip",
                       "Email", "Phone", "Currency", "VatNumber", "NextBillingDate", "BillingDay", "Status", "BalanceManagement",
                       "LowBalanceThreshold", "LowBalanceEmail", "CreatedAt", "ActivatedAt", "DeletedAt")
SELECT b.id, r."Id", eu."Id", 'Bill', 'Bench ' || b.n, '', '', '', '', 'GB', '',
       'bill.' || b.n || '@billbench.example.com', '', b.currency, NULL, :'run_date'::date, extract(day FROM :'run_date'::date)::int, 'Active',
       CASE WHEN b.n % 4 = 0 THEN 'Hard' ELSE 'Soft' END, CASE WHEN b.n % 3 = 0 THEN 20 END, NULL,
       now() - interval '90 days', now() - interval '90 days', NULL
FROM bench_clients b, "Resellers" r JOIN "Operators" eu ON eu."ResellerId" = r."Id" AND eu."Name" = 'EU'
WHERE r."Slug" = 'alpha';

INSERT INTO "SubAccounts" ("Id", "ResellerId", "Name", "Description", "ClientId", "PackageId", "CreatedAt", "ConnectedAt")
SELECT b.sub, r."Id", 'billbench-' || b.n, '', b.id, p."Id", now() - interval '90 days',
       CASE WHEN b.n % 10 = 0 THEN :'run_date'::date - interval '10 days' ELSE now() - interval '90 days' END
FROM bench_clients b, "Resellers" r JOIN "Packages" p ON p."ResellerId" = r."Id"
WHERE r."Slug" = 'alpha' AND p."Name" = 'Bench ' || b.currency;

INSERT INTO "Dids" ("Id", "ResellerId", "Number", "Description", "CreatedAt", "SubAccountId", "ConnectionId", "ConnectedAt",
                    "SetupFee", "MonthlyFee", "PerMinuteRate", "BillingStart", "IncludedInUnlimitedPlan")
SELECT b.did, r."Id", '+4930' || lpad(b.n::text, 8, '0'), 'Bench', now() - interval '90 days', b.sub, gen_random_uuid(), now() - interval '90 days',
       0, 1.50, 0.01, (now() - interval '90 days')::date, false
FROM bench_clients b, "Resellers" r WHERE r."Slug" = 'alpha';

INSERT INTO "BasketItems" ("Id", "ResellerId", "ClientId", "Product", "ItemType", "ItemId", "Description", "Price", "Currency", "DueDate",
                           "HiddenUntilDue", "Status", "ChargedAt", "PaymentId", "CreatedAt")
SELECT b.item, r."Id", b.id, 'Headset', 'Hardware', 'billbench-' || b.n, 'Headset', 4.00, b.currency, :'run_date'::date - 2, false, 'Unpaid', NULL, NULL, now()
FROM bench_clients b, "Resellers" r WHERE r."Slug" = 'alpha';

INSERT INTO "LedgerEntries" ("Id", "ResellerId", "ClientId", "Kind", "Amount", "Currency", "Description", "Key", "At", "ActorUserId", "ActorName")
SELECT gen_random_uuid(), r."Id", b.id, 'Payment', 20, b.currency, 'Opening deposit', 'billbench:' || b.n, now() - interval '60 days', NULL, 'bench-seed'
FROM bench_clients b, "Resellers" r WHERE r."Slug" = 'alpha' AND b.n % 2 = 0;

COMMIT;
