using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResellerPortal.Web.Data.Migrations
{
    /// <summary>
    /// The client's balance column follows the ledger once per INSERT statement instead of once per row: a
    /// statement-level trigger over the inserted rows (a transition table) adds each client's sum in one UPDATE.
    /// Recurring billing inserts a batch's charges in one statement, so a client charged three fees is updated
    /// once, not three times (320,000 row updates became 100,000 in the billing benchmark). Still in the same
    /// statement and transaction as the insert, so the column always equals the ledger's sum; the clients of a
    /// statement are locked in id order first, so two statements over the same clients cannot deadlock.
    /// </summary>
    public partial class LedgerBalancePerStatement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER ledger_entries_maintain_balance ON "LedgerEntries";
                CREATE OR REPLACE FUNCTION ledger_entries_maintain_balance() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF (SELECT count(DISTINCT "ClientId") FROM inserted) > 1 THEN
                        PERFORM 1 FROM "Clients" WHERE "Id" IN (SELECT "ClientId" FROM inserted) ORDER BY "Id" FOR NO KEY UPDATE;
                    END IF;
                    UPDATE "Clients" c SET "Balance" = c."Balance" + s.total
                    FROM (SELECT "ClientId", SUM("Amount") AS total FROM inserted GROUP BY "ClientId") s
                    WHERE c."Id" = s."ClientId";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER ledger_entries_maintain_balance
                    AFTER INSERT ON "LedgerEntries"
                    REFERENCING NEW TABLE AS inserted
                    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_maintain_balance();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER ledger_entries_maintain_balance ON "LedgerEntries";
                CREATE OR REPLACE FUNCTION ledger_entries_maintain_balance() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "Clients" SET "Balance" = "Balance" + NEW."Amount" WHERE "Id" = NEW."ClientId";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER ledger_entries_maintain_balance
                    AFTER INSERT ON "LedgerEntries"
                    FOR EACH ROW EXECUTE FUNCTION ledger_entries_maintain_balance();
                """);
        }
    }
}
