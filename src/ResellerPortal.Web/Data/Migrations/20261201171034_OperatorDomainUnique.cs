using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResellerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class OperatorDomainUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // An operator's domain becomes unique across the platform (issue 15): the certificate warnings of a
            // domain go to the one reseller that holds it. Domains are written normalized by the portal; make sure
            // of it for older rows, then stop with a clear message if two operators share one, rather than
            // choosing for the provider which reseller keeps it (rename one, then migrate again).
            migrationBuilder.Sql("""
                UPDATE "Operators" SET "Domain" = rtrim(lower(btrim("Domain")), '.') WHERE "Domain" <> rtrim(lower(btrim("Domain")), '.');
                DO $$
                DECLARE shared text;
                BEGIN
                    SELECT string_agg(d, ', ') INTO shared FROM (SELECT "Domain" AS d FROM "Operators" GROUP BY "Domain" HAVING count(*) > 1) s;
                    IF shared IS NOT NULL THEN
                        RAISE EXCEPTION 'Operators share these domains: %. Give each operator its own domain, then apply the migration OperatorDomainUnique again.', shared;
                    END IF;
                END $$;
                """);
            migrationBuilder.CreateIndex(
                name: "IX_Operators_Domain",
                table: "Operators",
                column: "Domain",
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "CK_Operators_Domain_Normalized",
                table: "Operators",
                sql: "\"Domain\" = lower(btrim(\"Domain\"))");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Operators_Domain",
                table: "Operators");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Operators_Domain_Normalized",
                table: "Operators");
        }
    }
}
