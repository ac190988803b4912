using Catalog.Api.Model;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Catalog.Api.Infrastructure;

public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    public DbSet<CatalogLocation> Locations => Set<CatalogLocation>();

    public DbSet<StoredEntity> Entities => Set<StoredEntity>();

    public DbSet<StoredRelation> Relations => Set<StoredRelation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CatalogDbContext).Assembly);
    }
}
