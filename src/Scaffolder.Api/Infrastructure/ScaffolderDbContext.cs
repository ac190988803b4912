using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Scaffolder.Api.Infrastructure;

public sealed class ScaffolderDbContext(DbContextOptions<ScaffolderDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ScaffolderDbContext).Assembly);
    }
}
