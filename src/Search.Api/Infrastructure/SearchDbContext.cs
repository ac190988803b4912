using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Search.Api.Model;

namespace Search.Api.Infrastructure;

/// <summary>
/// The search service's own database. The index is read and written with set-based SQL (see <c>Indexing/</c> and
/// <c>Engine/</c>); the context defines the schema and its migrations.
/// </summary>
public sealed class SearchDbContext(DbContextOptions<SearchDbContext> options) : DbContext(options)
{
    public DbSet<IndexGeneration> IndexGenerations => Set<IndexGeneration>();

    public DbSet<IndexedDocument> Documents => Set<IndexedDocument>();

    public DbSet<IndexedEntity> IndexedEntities => Set<IndexedEntity>();

    public DbSet<IndexedDocsSite> IndexedDocsSites => Set<IndexedDocsSite>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SearchDbContext).Assembly);
    }
}
