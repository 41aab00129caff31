using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResellerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class MoneyBase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "Balance",
                table: "Clients",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<bool>(
                name: "LowBalanceWarned",
                table: "Clients",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "SuspendedBySystem",
                table: "Clients",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "BasketItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResellerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Product = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ItemType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Price = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    HiddenUntilDue = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ChargedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PaymentId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BasketItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BasketItems_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BasketItems_Resellers_ResellerId",
                        column: x => x.ResellerId,
                        principalTable: "Resellers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BasketItems_ClientId_DueDate",
                table: "BasketItems",
                columns: new[] { "ClientId", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_BasketItems_DueDate_ClientId",
                table: "BasketItems",
                columns: new[] { "DueDate", "ClientId" },
                filter: "\"ChargedAt\" IS NULL AND \"Status\" <> 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "IX_BasketItems_ResellerId_ItemId",
                table: "BasketItems",
                columns: new[] { "ResellerId", "ItemId" },
                unique: true);

            // A client's balance is the sum of its ledger (PRODUCT.md §6), kept in the client's row by the
            // database in the same transaction as each insert: the UPDATE takes the client's row lock, so
            // concurrent posts on one client are serialised and the column always equals the sum. Rows are
            // append-only (the ledger_entries_append_only trigger), so inserts are the only change to follow.
            migrationBuilder.Sql("""
                UPDATE "Clients" c SET "Balance" = s.total
                FROM (SELECT "ClientId", SUM("Amount") AS total FROM "LedgerEntries" GROUP BY "ClientId") s
                WHERE s."ClientId" = c."Id";

                CREATE FUNCTION ledger_entries_maintain_balance() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "Clients" SET "Balance" = "Balance" + NEW."Amount" WHERE "Id" = NEW."ClientId";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER ledger_entries_maintain_balance
                    AFTER INSERT ON "LedgerEntries"
                    FOR EACH ROW EXECUTE FUNCTION ledger_entries_maintain_balance();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER ledger_entries_maintain_balance ON "LedgerEntries";
                DROP FUNCTION ledger_entries_maintain_balance();
                """);

            migrationBuilder.DropTable(
                name: "BasketItems");

            migrationBuilder.DropColumn(
                name: "Balance",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "LowBalanceWarned",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "SuspendedBySystem",
                table: "Clients");
        }
    }
}
