using System;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Docs.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AddDocsBuilds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "docs_builds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_key = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    force = table.Column<bool>(type: "boolean", nullable: false),
                    trigger = table.Column<string>(type: "text", nullable: true),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lease_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    owner = table.Column<string>(type: "text", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    source_hash = table.Column<string>(type: "text", nullable: true),
                    page_count = table.Column<int>(type: "integer", nullable: false),
                    warning_count = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true),
                    log = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_docs_builds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "documented_entities",
                columns: table => new
                {
                    entity_key = table.Column<string>(type: "text", nullable: false),
                    entity_ref = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    @namespace = table.Column<string>(name: "namespace", type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    generation = table.Column<long>(type: "bigint", nullable: false),
                    tech_docs_ref = table.Column<string>(type: "text", nullable: true),
                    managed_by_location = table.Column<string>(type: "text", nullable: true),
                    entity = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    removed = table.Column<bool>(type: "boolean", nullable: false),
                    current_build_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source_hash = table.Column<string>(type: "text", nullable: true),
                    site_name = table.Column<string>(type: "text", nullable: true),
                    site_description = table.Column<string>(type: "text", nullable: true),
                    built_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    built_event = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    nav = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_documented_entities", x => x.entity_key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_docs_builds_entity_key",
                table: "docs_builds",
                column: "entity_key",
                unique: true,
                filter: "state = 'queued'");

            migrationBuilder.CreateIndex(
                name: "ix_docs_builds_entity_key1",
                table: "docs_builds",
                column: "entity_key",
                unique: true,
                filter: "state = 'running'");

            migrationBuilder.CreateIndex(
                name: "ix_docs_builds_entity_key_requested_at",
                table: "docs_builds",
                columns: new[] { "entity_key", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_docs_builds_state_requested_at",
                table: "docs_builds",
                columns: new[] { "state", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_documented_entities_entity_key",
                table: "documented_entities",
                column: "entity_key",
                filter: "current_build_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "docs_builds");

            migrationBuilder.DropTable(
                name: "documented_entities");
        }
    }
}
