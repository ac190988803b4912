using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Scaffolder.Api.Model;

namespace Scaffolder.Api.Infrastructure;

public sealed class ScaffolderDbContext(DbContextOptions<ScaffolderDbContext> options) : DbContext(options)
{
    public DbSet<TemplateTask> Tasks => Set<TemplateTask>();

    public DbSet<TaskEvent> TaskEvents => Set<TaskEvent>();

    public DbSet<CachedTemplate> Templates => Set<CachedTemplate>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ScaffolderDbContext).Assembly);
    }
}
