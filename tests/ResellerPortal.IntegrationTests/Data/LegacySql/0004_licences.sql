-- 0004: pre-purchased keys, their activations and the calls made for them (issue 4, PRODUCT.md §4).
-- Authored from 'ResellerPortal.Web --print-model-sql'; MigrationsMatchModelTests proves it matches the EF model.
ALTER TABLE "Resellers" ADD "LicenceEmail" character varying(254);

CREATE TABLE "PrepurchasedKeys" (
    "Id" uuid NOT NULL,
    "ResellerId" uuid NOT NULL,
    "TextProtected" text NOT NULL,
    "Fingerprint" character(64) NOT NULL,
    "Masked" character varying(100) NOT NULL,
    "Product" character varying(100) NOT NULL,
    "Agents" integer NOT NULL,
    "Servers" integer NOT NULL,
    "Days" integer NOT NULL,
    "ImportedAt" timestamp with time zone NOT NULL,
    "ImportedBy" character varying(256) NOT NULL,
    CONSTRAINT "PK_PrepurchasedKeys" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_PrepurchasedKeys_Resellers_ResellerId" FOREIGN KEY ("ResellerId") REFERENCES "Resellers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "LicenceActivations" (
    "Id" uuid NOT NULL,
    "ResellerId" uuid NOT NULL,
    "PpkId" uuid NOT NULL,
    "InstanceId" uuid,
    "InstanceName" character varying(30) NOT NULL,
    "EndUser" character varying(256) NOT NULL,
    "Status" character varying(20) NOT NULL,
    "RequestedAt" timestamp with time zone NOT NULL,
    "RequestedBy" character varying(256) NOT NULL,
    "Deadline" timestamp with time zone NOT NULL,
    "LeaseUntil" timestamp with time zone,
    "LicenceKeyProtected" text,
    "IssuedAt" timestamp without time zone,
    "ExpiresOn" date,
    "ActivatedAt" timestamp with time zone,
    "InstalledAt" timestamp with time zone,
    "FailureReason" character varying(500),
    "ExpiryReminderSentAt" timestamp with time zone,
    "LastChangedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_LicenceActivations" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_LicenceActivations_Instances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "Instances" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_LicenceActivations_PrepurchasedKeys_PpkId" FOREIGN KEY ("PpkId") REFERENCES "PrepurchasedKeys" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LicenceActivations_Resellers_ResellerId" FOREIGN KEY ("ResellerId") REFERENCES "Resellers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "LicenceAttempts" (
    "Id" bigint GENERATED ALWAYS AS IDENTITY,
    "ResellerId" uuid NOT NULL,
    "ActivationId" uuid NOT NULL,
    "Phase" character varying(16) NOT NULL,
    "StartedAt" timestamp with time zone NOT NULL,
    "DurationMs" integer NOT NULL,
    "Outcome" character varying(20) NOT NULL,
    "StatusLine" character varying(200),
    "Detail" character varying(500),
    CONSTRAINT "PK_LicenceAttempts" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_LicenceAttempts_LicenceActivations_ActivationId" FOREIGN KEY ("ActivationId") REFERENCES "LicenceActivations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_LicenceAttempts_Resellers_ResellerId" FOREIGN KEY ("ResellerId") REFERENCES "Resellers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_LicenceActivations_InProgress" ON "LicenceActivations" ("Status") WHERE "Status" IN ('Pending', 'Activated');
CREATE INDEX "IX_LicenceActivations_InstanceId" ON "LicenceActivations" ("InstanceId");
CREATE UNIQUE INDEX "IX_LicenceActivations_PpkId" ON "LicenceActivations" ("PpkId");
CREATE INDEX "IX_LicenceActivations_ResellerId" ON "LicenceActivations" ("ResellerId");
CREATE INDEX "IX_LicenceAttempts_ActivationId_StartedAt" ON "LicenceAttempts" ("ActivationId", "StartedAt");
CREATE INDEX "IX_LicenceAttempts_ResellerId" ON "LicenceAttempts" ("ResellerId");
CREATE UNIQUE INDEX "IX_PrepurchasedKeys_Fingerprint" ON "PrepurchasedKeys" ("Fingerprint");
CREATE INDEX "IX_PrepurchasedKeys_ResellerId_ImportedAt" ON "PrepurchasedKeys" ("ResellerId", "ImportedAt");
