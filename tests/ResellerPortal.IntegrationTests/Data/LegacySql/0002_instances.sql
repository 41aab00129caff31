-- 0002: instances (§3), certificate expiry and its warnings (§2), the network status (§9).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE "Operators" ADD COLUMN "CertificateExpiresOn" date;

CREATE TABLE "NetworkStatus" (
    "Id" integer NOT NULL,
    "FeedIndicator" character varying(16) NOT NULL,
    "FeedDescription" character varying(300),
    "CheckedAt" timestamp with time zone NOT NULL,
    "LastError" character varying(300),
    "OverrideIndicator" character varying(16),
    "OverrideText" character varying(300),
    "OverrideBy" character varying(256),
    CONSTRAINT "PK_NetworkStatus" PRIMARY KEY ("Id")
);

CREATE TABLE "CertificateWarnings" (
    "OperatorId" uuid NOT NULL,
    "ExpiresOn" date NOT NULL,
    "Threshold" integer NOT NULL,
    "ResellerId" uuid NOT NULL,
    "SentAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_CertificateWarnings" PRIMARY KEY ("OperatorId", "ExpiresOn", "Threshold"),
    CONSTRAINT "FK_CertificateWarnings_Operators_OperatorId" FOREIGN KEY ("OperatorId") REFERENCES "Operators" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CertificateWarnings_Resellers_ResellerId" FOREIGN KEY ("ResellerId") REFERENCES "Resellers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Instances" (
    "Id" uuid NOT NULL,
    "ResellerId" uuid NOT NULL,
    "OperatorId" uuid NOT NULL,
    "Name" character varying(30) NOT NULL,
    "LongName" character varying(200) NOT NULL,
    "Timezone" character varying(64) NOT NULL,
    "MaxAgents" integer NOT NULL,
    "RetentionDays" integer NOT NULL,
    "ExpirationDate" date,
    "State" character varying(8) NOT NULL,
    "Mode" character varying(8) NOT NULL,
    "StateChangedAt" timestamp with time zone NOT NULL,
    "ModeChangedAt" timestamp with time zone NOT NULL,
    "WasDemo" boolean NOT NULL,
    "ContactPerson" character varying(120),
    "ContactEmail" character varying(254),
    "BillingPerson" character varying(120),
    "BillingEmail" character varying(254),
    "KMode" character varying(100),
    "KNumber" character varying(100),
    "KApiKeyProtected" text,
    "PendingAdminPasswordProtected" text,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ProvisionedAt" timestamp with time zone,
    "RestartRequestedAt" timestamp with time zone,
    "DeletedAt" timestamp with time zone,
    "LastChangedAt" timestamp with time zone NOT NULL,
    "LastChangedBy" character varying(256) NOT NULL,
    CONSTRAINT "PK_Instances" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Instances_Operators_OperatorId" FOREIGN KEY ("OperatorId") REFERENCES "Operators" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Instances_Resellers_ResellerId" FOREIGN KEY ("ResellerId") REFERENCES "Resellers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_CertificateWarnings_ResellerId" ON "CertificateWarnings" ("ResellerId");

CREATE INDEX "IX_Instances_DeletedAt" ON "Instances" ("DeletedAt") WHERE "DeletedAt" IS NOT NULL;

CREATE INDEX "IX_Instances_List" ON "Instances" ("ResellerId", "Name") WHERE "DeletedAt" IS NULL;

CREATE UNIQUE INDEX "IX_Instances_Name" ON "Instances" ("Name");

CREATE INDEX "IX_Instances_Name_Trigram" ON "Instances" USING gin ("Name" gin_trgm_ops);

CREATE UNIQUE INDEX "IX_Instances_OneTestPerOperator" ON "Instances" ("OperatorId") WHERE "State" = 'Test' AND "DeletedAt" IS NULL;

CREATE INDEX "IX_Instances_OperatorId" ON "Instances" ("OperatorId");

CREATE INDEX "IX_Instances_Totals" ON "Instances" ("ResellerId", "State", "Mode") WHERE "DeletedAt" IS NULL;

-- The one row every node reads and the feed job updates; created here so nodes never race to insert it.
INSERT INTO "NetworkStatus" ("Id", "FeedIndicator", "CheckedAt", "LastError") VALUES (1, 'Unknown', now(), 'Not read yet.');
