using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResellerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RecurringBilling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BillingDay",
                table: "Clients",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            // Existing clients are billed on the day of their current billing date.
            migrationBuilder.Sql("""UPDATE "Clients" SET "BillingDay" = EXTRACT(DAY FROM "NextBillingDate")::int;""");

            migrationBuilder.CreateTable(
                name: "BillingRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RunDate = table.Column<DateOnly>(type: "date", nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ClientsBilled = table.Column<int>(type: "integer", nullable: false),
                    Charges = table.Column<int>(type: "integer", nullable: false),
                    SkippedAsCharged = table.Column<int>(type: "integer", nullable: false),
                    Failures = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BillingRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BillingRunFailures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResellerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientName = table.Column<string>(type: "character varying(201)", maxLength: 201, nullable: false),
                    Message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BillingRunFailures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BillingRunFailures_BillingRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "BillingRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BillingRunTotals",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Charges = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BillingRunTotals", x => new { x.RunId, x.Currency });
                    table.ForeignKey(
                        name: "FK_BillingRunTotals_BillingRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "BillingRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Billing_Due",
                table: "Clients",
                columns: new[] { "NextBillingDate", "Id" },
                filter: "\"DeletedAt\" IS NULL");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Clients_BillingDay",
                table: "Clients",
                sql: "\"BillingDay\" BETWEEN 1 AND 31");

            migrationBuilder.CreateIndex(
                name: "IX_BillingRunFailures_RunId_At",
                table: "BillingRunFailures",
                columns: new[] { "RunId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_BillingRuns_CreatedAt",
                table: "BillingRuns",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BillingRunFailures");

            migrationBuilder.DropTable(
                name: "BillingRunTotals");

            migrationBuilder.DropTable(
                name: "BillingRuns");

            migrationBuilder.DropIndex(
                name: "IX_Clients_Billing_Due",
                table: "Clients");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Clients_BillingDay",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "BillingDay",
                table: "Clients");
        }
    }
}
