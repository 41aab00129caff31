using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResellerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class LedgerSpendIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_ResellerId_At",
                table: "LedgerEntries",
                columns: new[] { "ResellerId", "At" },
                filter: "\"Kind\" IN ('Charge', 'Adjustment') AND \"Key\" NOT LIKE 'fee:%' AND \"Key\" NOT LIKE 'basket:%'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_ResellerId_At",
                table: "LedgerEntries");
        }
    }
}
