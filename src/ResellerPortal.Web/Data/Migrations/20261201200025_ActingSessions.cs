using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResellerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActingSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ActingSessionId",
                table: "AuditEntries",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "InvitationExpiresAt",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ActingSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RealUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetResellerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedHow = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActingSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActingSessions_AspNetUsers_RealUserId",
                        column: x => x.RealUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActingSessions_AspNetUsers_TargetUserId",
                        column: x => x.TargetUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ActingSessionId",
                table: "AuditEntries",
                column: "ActingSessionId",
                filter: "\"ActingSessionId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ActingSessions_RealUserId_StartedAt",
                table: "ActingSessions",
                columns: new[] { "RealUserId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ActingSessions_TargetResellerId_StartedAt",
                table: "ActingSessions",
                columns: new[] { "TargetResellerId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ActingSessions_TargetUserId_StartedAt",
                table: "ActingSessions",
                columns: new[] { "TargetUserId", "StartedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActingSessions");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ActingSessionId",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ActingSessionId",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "InvitationExpiresAt",
                table: "AspNetUsers");
        }
    }
}
