using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Search.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PermissionFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "annotations",
                table: "search_documents",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "labels",
                table: "search_documents",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "owner_refs",
                table: "search_documents",
                type: "text[]",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "system_refs",
                table: "search_documents",
                type: "text[]",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "annotations",
                table: "search_documents");

            migrationBuilder.DropColumn(
                name: "labels",
                table: "search_documents");

            migrationBuilder.DropColumn(
                name: "owner_refs",
                table: "search_documents");

            migrationBuilder.DropColumn(
                name: "system_refs",
                table: "search_documents");
        }
    }
}
