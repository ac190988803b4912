using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Api.Infrastructure.Migrations
{
    /// <summary>
    /// Each relation is stored once, as its source declared it, instead of once per direction: the reverse edge is read
    /// from the same row by its target key. Existing pairs keep their declared half; the reverse half is dropped.
    /// </summary>
    public partial class RelationsStoredOnce : Migration
    {
        private const string ReverseTypes = """
            (VALUES ('ownedBy', 'ownerOf'), ('ownerOf', 'ownedBy'), ('partOf', 'hasPart'), ('hasPart', 'partOf'),
                    ('dependsOn', 'dependencyOf'), ('dependencyOf', 'dependsOn'), ('providesApi', 'apiProvidedBy'),
                    ('apiProvidedBy', 'providesApi'), ('consumesApi', 'apiConsumedBy'), ('apiConsumedBy', 'consumesApi'),
                    ('memberOf', 'hasMember'), ('hasMember', 'memberOf'), ('childOf', 'parentOf'), ('parentOf', 'childOf'))
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "ix_relations_origin_entity_ref", table: "relations");
            migrationBuilder.DropIndex(name: "ix_relations_source_ref", table: "relations");
            migrationBuilder.AddColumn<string>(name: "target_key", table: "relations", type: "text", nullable: true);
            migrationBuilder.AddColumn<string>(name: "source_display_ref", table: "relations", type: "text", nullable: true);

            // A declared edge is the half whose source is the entity that produced it; its source is always a stored entity.
            migrationBuilder.Sql("""
                DELETE FROM relations WHERE origin_entity_ref <> source_ref;
                UPDATE relations r
                SET target_key = lower(r.target_ref), source_display_ref = lower(e.kind) || ':' || e.namespace || '/' || e.name
                FROM entities e WHERE e.entity_ref = r.source_ref;
                DELETE FROM relations WHERE source_display_ref IS NULL;
                """);

            migrationBuilder.DropColumn(name: "origin_entity_ref", table: "relations");
            migrationBuilder.AlterColumn<string>(name: "target_key", table: "relations", type: "text", nullable: false, oldClrType: typeof(string), oldType: "text", oldNullable: true);
            migrationBuilder.AlterColumn<string>(name: "source_display_ref", table: "relations", type: "text", nullable: false, oldClrType: typeof(string), oldType: "text", oldNullable: true);
            migrationBuilder.CreateIndex(name: "ix_relations_source_ref", table: "relations", column: "source_ref")
                .Annotation("Npgsql:IndexMethod", "hash");
            migrationBuilder.CreateIndex(name: "ix_relations_target_key", table: "relations", column: "target_key")
                .Annotation("Npgsql:IndexMethod", "hash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "ix_relations_source_ref", table: "relations");
            migrationBuilder.DropIndex(name: "ix_relations_target_key", table: "relations");
            migrationBuilder.AddColumn<string>(name: "origin_entity_ref", table: "relations", type: "text", nullable: true);
            migrationBuilder.Sql($"""
                UPDATE relations SET origin_entity_ref = source_ref;
                INSERT INTO relations (origin_entity_ref, source_ref, type, target_ref, target_key, source_display_ref)
                SELECT r.source_ref, r.target_key, t.reverse, r.source_display_ref, r.source_ref, r.target_ref
                FROM relations r JOIN {ReverseTypes} AS t(type, reverse) ON t.type = r.type;
                """);
            migrationBuilder.AlterColumn<string>(name: "origin_entity_ref", table: "relations", type: "text", nullable: false, oldClrType: typeof(string), oldType: "text", oldNullable: true);
            migrationBuilder.DropColumn(name: "target_key", table: "relations");
            migrationBuilder.DropColumn(name: "source_display_ref", table: "relations");
            migrationBuilder.CreateIndex(name: "ix_relations_origin_entity_ref", table: "relations", column: "origin_entity_ref");
            migrationBuilder.CreateIndex(name: "ix_relations_source_ref", table: "relations", column: "source_ref");
        }
    }
}
