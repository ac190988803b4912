using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Api.Infrastructure.Migrations
{
    /// <summary>
    /// An index of each entity's owners alone (<c>relations.ownedby</c> of the filter document), for reads narrowed by
    /// a policy's <c>isEntityOwner</c>: the filter document's own index finds an owner only by intersecting the posting
    /// list of the key every entity has with that of the value. Written at once (no pending list): the list is what
    /// every query would otherwise scan until it is merged. An entity with no owner is indexed as owned by nobody (an
    /// empty list, not null), so that a negated condition counts it as not owned.
    /// </summary>
    public partial class OwnershipIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS ix_entities_owned_by ON entities
                    USING gin ((coalesce(filter_doc -> 'relations.ownedby', '[]'::jsonb))) WITH (fastupdate = off);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_entities_owned_by;");
        }
    }
}
