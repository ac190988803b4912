using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Docs.Api.Infrastructure;

public sealed class DocsDbContext(DbContextOptions<DocsDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DocsDbContext).Assembly);
    }
}
