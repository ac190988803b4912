using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class GinPendingLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A refresh of thousands of entities appends to the GIN pending lists instead of merging every 4 MB inside
            // its transaction; the lists are merged in bulk once it has committed (LocationRefresher) or by autovacuum.
            migrationBuilder.Sql("""
                ALTER INDEX ix_entities_filter_doc SET (gin_pending_list_limit = 65536);
                ALTER INDEX ix_entities_search_text SET (gin_pending_list_limit = 65536);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER INDEX ix_entities_filter_doc RESET (gin_pending_list_limit);
                ALTER INDEX ix_entities_search_text RESET (gin_pending_list_limit);
                """);
        }
    }
}
