using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class KindIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Kind filters with the default entity_ref order read one index range (see EntityFilter).
            migrationBuilder.Sql("CREATE INDEX ix_entities_kind_entity_ref ON entities (lower(kind), entity_ref);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_entities_kind_entity_ref;");
        }
    }
}
