-- Benchmark data for the instances list (issue 3): 100,000 instances across 50 resellers, the
-- demo reseller "alpha" holding 10 operators x 500 instances. Run after the portal has migrated
-- and seeded its demo data (so alpha, its EU and US operators and the demo logins exist).
BEGIN;

-- Alpha's demo instances are replaced by the benchmark's 5,000.
DELETE FROM "Instances";

INSERT INTO "Operators" ("Id", "ResellerId", "Name", "Domain", "CreatedAt", "CertificateExpiresOn")
SELECT gen_random_uuid(), r."Id", 'OP' || n, 'op' || n || '.alpha-live.example.com', now(), (now() + (n * 9 || ' days')::interval)::date
FROM "Resellers" r, generate_series(3, 10) n
WHERE r."Slug" = 'alpha';

INSERT INTO "Resellers" ("Id", "Name", "Slug", "CreatedAt", "IsActive")
SELECT gen_random_uuid(), 'Bench Reseller ' || n, 'bench-' || n, now(), true
FROM generate_series(1, 48) n;

INSERT INTO "Operators" ("Id", "ResellerId", "Name", "Domain", "CreatedAt", "CertificateExpiresOn")
SELECT gen_random_uuid(), r."Id", o, lower(o) || '.' || r."Slug" || '.example.com', now(), (now() + interval '200 days')::date
FROM "Resellers" r, (VALUES ('EU'), ('US')) v(o)
WHERE r."Slug" LIKE 'bench-%';

-- Numbered operators: alpha's 10 get 500 instances each (5,000); the other 95,000 go round the rest.
CREATE TEMP TABLE bench_ops AS
SELECT o."Id" AS op, o."ResellerId" AS reseller, r."Slug" = 'alpha' AS is_alpha,
       row_number() OVER (PARTITION BY r."Slug" = 'alpha' ORDER BY o."Id") AS k
FROM "Operators" o JOIN "Resellers" r ON r."Id" = o."ResellerId";

INSERT INTO "Instances" ("Id", "ResellerId", "OperatorId", "Name", "LongName", "Timezone", "MaxAgents", "RetentionDays",
    "ExpirationDate", "State", "Mode", "StateChangedAt", "ModeChangedAt", "WasDemo", "ContactPerson", "ContactEmail",
    "BillingPerson", "BillingEmail", "CreatedAt", "ProvisionedAt", "LastChangedAt", "LastChangedBy")
SELECT gen_random_uuid(), o.reseller, o.op,
       substr(md5(i::text), 1, 12) || '-' || i,
       'Customer ' || i || ' Ltd', 'Europe/Rome', 5 + i % 200, 365,
       CASE WHEN i % 9 = 0 THEN (now() - (i % 40 || ' days')::interval)::date WHEN i % 4 = 0 THEN (now() + (i % 300 || ' days')::interval)::date END,
       CASE WHEN i % 10 < 7 THEN 'Sold' ELSE 'Demo' END,
       CASE WHEN i % 13 = 0 THEN 'Expired' WHEN i % 29 = 0 THEN 'Removed' ELSE 'On' END,
       now() - (i % 60 || ' days')::interval, now() - (i % 20 || ' days')::interval, i % 10 >= 7,
       'Contact ' || i, 'contact' || i || '@example.com', 'Billing ' || i, 'billing' || i || '@example.com',
       now() - interval '90 days', now() - interval '90 days', now() - interval '1 day', 'bench-seed'
FROM generate_series(1, 100000) i
JOIN bench_ops o ON (i <= 5000 AND o.is_alpha AND o.k = (i - 1) / 500 + 1)
                 OR (i > 5000 AND NOT o.is_alpha AND o.k = (i - 5001) % 96 + 1);

COMMIT;
ANALYZE;
