using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace Search.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "index_generations",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    state = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    claimed_by = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    heartbeat_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    entities_read = table.Column<int>(type: "integer", nullable: false),
                    docs_sites_read = table.Column<int>(type: "integer", nullable: false),
                    docs_status = table.Column<string>(type: "text", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_index_generations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "indexed_docs_sites",
                columns: table => new
                {
                    index_generation = table.Column<int>(type: "integer", nullable: false),
                    entity_ref = table.Column<string>(type: "text", nullable: false),
                    build_id = table.Column<Guid>(type: "uuid", nullable: false),
                    built_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    pages = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indexed_docs_sites", x => new { x.index_generation, x.entity_ref });
                });

            migrationBuilder.CreateTable(
                name: "indexed_entities",
                columns: table => new
                {
                    index_generation = table.Column<int>(type: "integer", nullable: false),
                    entity_ref = table.Column<string>(type: "text", nullable: false),
                    catalog_generation = table.Column<long>(type: "bigint", nullable: false),
                    removed = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indexed_entities", x => new { x.index_generation, x.entity_ref });
                });

            migrationBuilder.CreateTable(
                name: "search_documents",
                columns: table => new
                {
                    index_generation = table.Column<int>(type: "integer", nullable: false),
                    doc_key = table.Column<string>(type: "text", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    entity_ref = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    location = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: true),
                    @namespace = table.Column<string>(name: "namespace", type: "text", nullable: true),
                    name = table.Column<string>(type: "text", nullable: true),
                    entity_type = table.Column<string>(type: "text", nullable: true),
                    lifecycle = table.Column<string>(type: "text", nullable: true),
                    owner = table.Column<string>(type: "text", nullable: true),
                    tags = table.Column<string[]>(type: "text[]", nullable: false),
                    keywords = table.Column<string>(type: "text", nullable: false),
                    facet_text = table.Column<string>(type: "text", nullable: false),
                    document = table.Column<string>(type: "jsonb", nullable: false),
                    static_rank = table.Column<float>(type: "real", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true, computedColumnSql: "setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', keywords), 'B') || setweight(to_tsvector('english', left(text, 100000) || ' ' || facet_text), 'C')", stored: true),
                    title_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true, computedColumnSql: "to_tsvector('english', title || ' ' || coalesce(name, ''))", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_search_documents", x => new { x.index_generation, x.doc_key });
                });

            migrationBuilder.CreateIndex(
                name: "ux_index_generations_building",
                table: "index_generations",
                column: "state",
                unique: true,
                filter: "state = 'building'");

            migrationBuilder.CreateIndex(
                name: "ux_index_generations_live",
                table: "index_generations",
                column: "state",
                unique: true,
                filter: "state = 'live'");

            migrationBuilder.CreateIndex(
                name: "ix_search_documents_index_generation_entity_ref",
                table: "search_documents",
                columns: new[] { "index_generation", "entity_ref" });

            migrationBuilder.CreateIndex(
                name: "ix_search_documents_search_vector",
                table: "search_documents",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_search_documents_title",
                table: "search_documents",
                column: "title")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_search_documents_title_vector",
                table: "search_documents",
                column: "title_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            // Type-ahead on title starts (an expression index EF cannot describe), and the first live generation,
            // so events have somewhere to land before the first rebuild.
            migrationBuilder.Sql(
                "CREATE INDEX ix_search_documents_title_prefix ON search_documents (index_generation, (lower(title)) COLLATE \"C\");");
            migrationBuilder.Sql(
                "INSERT INTO index_generations (state, reason, entities_read, docs_sites_read, completed_at) VALUES ('live', 'initial', 0, 0, now());");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "index_generations");

            migrationBuilder.DropTable(
                name: "indexed_docs_sites");

            migrationBuilder.DropTable(
                name: "indexed_entities");

            migrationBuilder.DropTable(
                name: "search_documents");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
