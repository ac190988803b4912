using Docs.Api.Model;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Docs.Api.Infrastructure;

public sealed class DocsDbContext(DbContextOptions<DocsDbContext> options) : DbContext(options)
{
    public DbSet<DocumentedEntity> Entities => Set<DocumentedEntity>();

    public DbSet<DocsBuild> Builds => Set<DocsBuild>();

    public DbSet<SiteFile> SiteFiles => Set<SiteFile>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DocsDbContext).Assembly);
    }
}
