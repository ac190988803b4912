using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Startup;

namespace Portal.Data;

/// <summary>
/// Applies pending EF Core migrations before the service serves (the first of its start-up tasks; retried until the
/// database can be reached). Replicas starting together take turns: a
/// PostgreSQL advisory lock is held around the whole migration, so the second replica finds nothing left to apply
/// (without it, two replicas of a fresh database both ran the first migrations and one failed on "already exists").
/// The same migrations run alone, and the process exits, with <see cref="MigrateOnly"/> (<c>--migrate-only</c>).
/// </summary>
internal sealed class DatabaseMigrator<TContext>(string connectionName, IServiceProvider services, ILogger<DatabaseMigrator<TContext>> logger)
    : IStartupTask, IDatabaseMigration where TContext : DbContext
{
    /// <summary>Any constant shared by every replica of every service; each service has a database of its own.</summary>
    private const long MigrationLockKey = 0x506f7274616c4d; // "PortalM"

    public string ConnectionName => connectionName;

    public string Name => $"migrations of {connectionName}";

    public Task RunAsync(CancellationToken cancellationToken) => ApplyAsync(cancellationToken);

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // A session lock on the connection the migration itself uses; released below, also when a migration fails.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock({0})", [MigrationLockKey], cancellationToken);
            try
            {
                await MigrateAsync(db, cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock({0})", [MigrationLockKey], CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task MigrateAsync(TContext db, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        logger.LogInformation("Applying {Count} migration(s) to {Database}: {Migrations}",
            pending.Count, db.Database.GetDbConnection().Database, pending);
        await db.Database.MigrateAsync(cancellationToken);
    }

}
