using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Scorecards.Api.Model;

namespace Scorecards.Api.Infrastructure;

/// <summary>
/// The scorecards service's own database. Scores are read and written with set-based SQL (<see cref="ScoreStore"/>,
/// <see cref="EntityStore"/>); the context defines the schema and its migrations.
/// </summary>
public sealed class ScorecardsDbContext(DbContextOptions<ScorecardsDbContext> options) : DbContext(options)
{
    public DbSet<CatalogEntity> Entities => Set<CatalogEntity>();

    public DbSet<Scorecard> Scorecards => Set<Scorecard>();

    public DbSet<EntityScore> Scores => Set<EntityScore>();

    public DbSet<ScoreHistoryEntry> History => Set<ScoreHistoryEntry>();

    public DbSet<DocsStatus> Docs => Set<DocsStatus>();

    public DbSet<EntityOrigin> Origins => Set<EntityOrigin>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ScorecardsDbContext).Assembly);
    }
}
