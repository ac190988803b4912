using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Api.Infrastructure.Migrations
{
    /// <summary>
    /// Relations are served lower-cased on both ends, as Backstage serves them: the stored refs are lower-cased, and
    /// every entity is marked to be written again (an input hash no input has) with every location due for a full
    /// refresh, so the served JSON of entities stitched before is rewritten by the next refresh. Only entities whose
    /// JSON changes get an event.
    /// </summary>
    public partial class LowerCaseRelationRefs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE relations SET target_ref = target_key WHERE target_ref <> target_key;
                UPDATE relations SET source_display_ref = source_ref WHERE source_display_ref <> source_ref;
                UPDATE entities SET input_hash = '' WHERE EXISTS (
                    SELECT 1 FROM relations r WHERE r.source_ref = entities.entity_ref OR r.target_key = entities.entity_ref);
                UPDATE locations SET content_hash = NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The declared case is not kept anywhere else; refs stay lower-cased, which every lookup accepts.
        }
    }
}
