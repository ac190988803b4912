using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scorecards.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class HotScoreRewrites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_entity_scores_scorecard_ref_level_index",
                table: "entity_scores");

            migrationBuilder.Sql("ALTER TABLE entity_scores SET (fillfactor = 70)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_entity_scores_scorecard_ref_level_index",
                table: "entity_scores",
                columns: new[] { "scorecard_ref", "level_index" });

            migrationBuilder.Sql("ALTER TABLE entity_scores RESET (fillfactor)");
        }
    }
}
