-- 0003: clients, sub-accounts, packages, DIDs, the client ledger and notes (issue 5, PRODUCT.md §5, §6).
-- Authored from 'ResellerPortal.Web --print-model-sql'; MigrationsMatchModelTests proves it matches the EF model.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE "Packages" (
    "Id" uuid NOT NULL,
    "ResellerId" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Currency" character varying(3) NOT NULL,
    "MarkupFixed" numeric(18,6) NOT NULL,
    "MarkupPercent" numeric(9,4) NOT NULL,
    "PulseFirst" integer NOT NULL,
    "PulseNext" integer NOT NULL,
    "Route" character varying(16) NOT NULL,
    "FreeOnNetCalls" boolean NOT NULL,
    "MonthlyFee" numeric(18,4) NOT NULL,
    "SetupFee" numeric(18,4) NOT NULL,
    "FreeMinutes" integer NOT NULL,
    "AreaRatesText" character varying(20000) NOT NULL,
    "FreeZonesText" character varying(20000) NOT NULL,
    "UsesPackageServices" boolean NOT NULL,
    "Services" integer NOT NULL,
    "ViewSetting" character varying(24) NOT NULL,
    "ClientCanEditSubAccounts" boolean NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Packages" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Packages_Resellers_ResellerId" FOREIGN KEY ("ResellerId") REFERENCES "Resellers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "DidDefaults" (
    "Id" uuid NOT NULL,
    "ResellerId" uuid NOT NULL,
    "SetupFee" numeric(18,4) NOT NULL,
    "MonthlyFee" numeric(18,4) NOT NULL,
    "PerMinuteRate" numeric(18,6) NOT NULL,
    "FreeDays" integer NOT NULL,
    CONSTRAINT "PK_DidDefaults" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_DidDefaults_Resellers_ResellerId" FOREIGN KEY ("ResellerId") REFERENCES "Resellers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Notes" (
    "Id" uuid NOT NULL,
    "ResellerId" uuid NOT NULL,
    "EntityType" character varying(50) NOT NULL,
    "EntityId" uuid NOT NULL,
    "Text" character varying(4000) NOT NULL,
    "AuthorUserId" uuid,
    "AuthorName" character varying(256) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Notes" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Notes_Resellers_ResellerId" FOREIGN KEY ("ResellerId") REFERENCES "Resellers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Clients" (
    "Id" uuid NOT NULL,
    "ResellerId" uuid NOT NULL,
    "OperatorId" uuid NOT NULL,
    "FirstName" character varying(100) NOT NULL,
    "LastName" character varying(100) NOT NULL,
    "Company" character varying(150) NOT NULL,
    "Address" character varying(200) NOT NULL,
    "City" character varying(100) NOT NULL,
    "State" character varying(100) NOT NULL,
    "Country" character varying(2) NOT NULL,
    "Zip" character varying(20) NOT NULL,
    "Email" character varying(254) NOT NULL,
    "Phone" character varying(24) NOT NULL,
    "Currency" character varying(3) NOT NULL,
    "VatNumber" character varying(20),
    "NextBillingDate" date NOT NULL,
    "Status" character varying(16) NOT NULL,
    "BalanceManagement" character varying(8) NOT NULL,
    "LowBalanceThreshold" numeric(18,4),
    "LowBalanceEmail" character varying(254),
    "CreatedAt" timestamp with time zone NOT NULL,
    "ActivatedAt" timestamp with time zone,
    "DeletedAt" timestamp with time zone,
    "SearchText" character varying(800) GENERATED ALWAYS AS (lower("FirstName" || ' ' || "LastName" || ' ' || "Company" || ' ' || "Email")) STORED,
    "SortName" character varying(201) GENERATED ALWAYS AS (lower("FirstName" || ' ' || "LastName")) STORED,
    CONSTRAINT "PK_Clients" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Clients_Operators_OperatorId" FOREIGN KEY ("OperatorId") REFERENCES "Operators" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Clients_Resellers_ResellerId" FOREIGN KEY ("ResellerId") REFERENCES "Resellers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SubAccounts" (
    "Id" uuid NOT NULL,
    "ResellerId" uuid NOT NULL,
    "Name" character varying(40) NOT NULL,
    "Description" character varying(200) NOT NULL,
    "ClientId" uuid,
    "PackageId" uuid,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ConnectedAt" timestamp with time zone,
    CONSTRAINT "PK_SubAccounts" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_SubAccounts_Clients_ClientId" FOREIGN KEY ("ClientId") REFERENCES "Clients" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SubAccounts_Packages_PackageId" FOREIGN KEY ("PackageId") REFERENCES "Packages" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SubAccounts_Resellers_ResellerId" FOREIGN KEY ("ResellerId") REFERENCES "Resellers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Dids" (
    "Id" uuid NOT NULL,
    "ResellerId" uuid NOT NULL,
    "Number" character varying(16) COLLATE "C" NOT NULL,
    "Description" character varying(200) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "SubAccountId" uuid,
    "ConnectionId" uuid,
    "ConnectedAt" timestamp with time zone,
    "SetupFee" numeric(18,4) NOT NULL,
    "MonthlyFee" numeric(18,4) NOT NULL,
    "PerMinuteRate" numeric(18,6) NOT NULL,
    "BillingStart" date,
    "IncludedInUnlimitedPlan" boolean NOT NULL,
    "ForwardTo" character varying(16),
    "VoicemailEmail" character varying(254),
    CONSTRAINT "PK_Dids" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Dids_Resellers_ResellerId" FOREIGN KEY ("ResellerId") REFERENCES "Resellers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Dids_SubAccounts_SubAccountId" FOREIGN KEY ("SubAccountId") REFERENCES "SubAccounts" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "LedgerEntries" (
    "Id" uuid NOT NULL,
    "ResellerId" uuid NOT NULL,
    "ClientId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "Amount" numeric(18,4) NOT NULL,
    "Currency" character varying(3) NOT NULL,
    "Description" character varying(200) NOT NULL,
    "Key" character varying(200) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "ActorUserId" uuid,
    "ActorName" character varying(256) NOT NULL,
    CONSTRAINT "PK_LedgerEntries" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_LedgerEntries_Clients_ClientId" FOREIGN KEY ("ClientId") REFERENCES "Clients" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LedgerEntries_Resellers_ResellerId" FOREIGN KEY ("ResellerId") REFERENCES "Resellers" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_Packages_ResellerId_Name" ON "Packages" ("ResellerId", "Name");
CREATE UNIQUE INDEX "IX_DidDefaults_ResellerId" ON "DidDefaults" ("ResellerId");
CREATE INDEX "IX_Notes_ResellerId_EntityType_EntityId_At" ON "Notes" ("ResellerId", "EntityType", "EntityId", "At");
CREATE INDEX "IX_Clients_OperatorId" ON "Clients" ("OperatorId");
CREATE INDEX "IX_Clients_ResellerId_Company_Id" ON "Clients" ("ResellerId", "Company", "Id");
CREATE INDEX "IX_Clients_ResellerId_CreatedAt_Id" ON "Clients" ("ResellerId", "CreatedAt", "Id");
CREATE UNIQUE INDEX "IX_Clients_ResellerId_Email" ON "Clients" ("ResellerId", "Email") WHERE "DeletedAt" IS NULL;
CREATE INDEX "IX_Clients_ResellerId_SortName_Id" ON "Clients" ("ResellerId", "SortName", "Id");
CREATE INDEX "IX_Clients_ResellerId_Status" ON "Clients" ("ResellerId", "Status");
CREATE INDEX "IX_Clients_SearchText" ON "Clients" USING gin ("SearchText" gin_trgm_ops);
CREATE INDEX "IX_SubAccounts_ClientId" ON "SubAccounts" ("ClientId");
CREATE INDEX "IX_SubAccounts_PackageId" ON "SubAccounts" ("PackageId");
CREATE UNIQUE INDEX "IX_SubAccounts_ResellerId_Name" ON "SubAccounts" ("ResellerId", "Name");
CREATE UNIQUE INDEX "IX_Dids_Number" ON "Dids" ("Number");
CREATE INDEX "IX_Dids_ResellerId_Number" ON "Dids" ("ResellerId", "Number");
CREATE INDEX "IX_Dids_SubAccountId" ON "Dids" ("SubAccountId");
CREATE INDEX "IX_LedgerEntries_ClientId_At_Id" ON "LedgerEntries" ("ClientId", "At", "Id");
CREATE UNIQUE INDEX "IX_LedgerEntries_ResellerId_Key" ON "LedgerEntries" ("ResellerId", "Key");

-- The ledger is append-only (§6): a correction is a new row. The application never updates or
-- deletes a row; this makes the database refuse it too, whoever connects.
CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'LedgerEntries rows are append-only (% refused)', TG_OP;
END;
$$;

CREATE TRIGGER ledger_entries_append_only
    BEFORE UPDATE OR DELETE ON "LedgerEntries"
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
