using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Catalog.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class LeanerRelationsAndStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_relations",
                table: "relations");

            migrationBuilder.DropColumn(
                name: "id",
                table: "relations");

            // The served and processed JSON are never filtered on, so ANALYZE (run after every large refresh) skips them.
            migrationBuilder.Sql("ALTER TABLE entities ALTER COLUMN final_json SET STATISTICS 0, ALTER COLUMN processed SET STATISTICS 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE entities ALTER COLUMN final_json SET STATISTICS -1, ALTER COLUMN processed SET STATISTICS -1");

            migrationBuilder.AddColumn<long>(
                name: "id",
                table: "relations",
                type: "bigint",
                nullable: false,
                defaultValue: 0L)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.AddPrimaryKey(
                name: "pk_relations",
                table: "relations",
                column: "id");
        }
    }
}
