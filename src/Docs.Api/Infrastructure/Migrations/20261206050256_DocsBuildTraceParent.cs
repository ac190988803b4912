using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Docs.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DocsBuildTraceParent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "trace_parent",
                table: "docs_builds",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "trace_parent",
                table: "docs_builds");
        }
    }
}
