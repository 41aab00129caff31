using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResellerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DropQuartzTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Background jobs moved from Quartz to Hangfire (issue 9), which keeps its own schema. These are
            // the tables Quartz 4 provisioned in the portal's schema (its PostgreSQL ADO store, clustering
            // and execution history); a database that never ran Quartz has none of them.
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS qrtz_blob_triggers CASCADE;
                DROP TABLE IF EXISTS qrtz_calendars CASCADE;
                DROP TABLE IF EXISTS qrtz_cron_triggers CASCADE;
                DROP TABLE IF EXISTS qrtz_execution_history CASCADE;
                DROP TABLE IF EXISTS qrtz_fired_triggers CASCADE;
                DROP TABLE IF EXISTS qrtz_job_details CASCADE;
                DROP TABLE IF EXISTS qrtz_job_status CASCADE;
                DROP TABLE IF EXISTS qrtz_locks CASCADE;
                DROP TABLE IF EXISTS qrtz_misfire_history CASCADE;
                DROP TABLE IF EXISTS qrtz_paused_job_grps CASCADE;
                DROP TABLE IF EXISTS qrtz_paused_trigger_grps CASCADE;
                DROP TABLE IF EXISTS qrtz_scheduler_state CASCADE;
                DROP TABLE IF EXISTS qrtz_simple_triggers CASCADE;
                DROP TABLE IF EXISTS qrtz_simprop_triggers CASCADE;
                DROP TABLE IF EXISTS qrtz_triggers CASCADE;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to restore: Quartz provisioned its tables itself, and the portal no longer uses them.
        }
    }
}
