using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.ServiceDefaults;

/// <summary>
/// <c>--migrate-only</c> (or the setting <c>Database:MigrateOnly=true</c>): the service applies its database's migrations
/// and exits, without serving requests or starting its workers. A Kubernetes Job runs it before new replicas roll out;
/// replicas still migrate at start, which is safe beside the Job (the migrations take an advisory lock).
/// </summary>
public static class MigrateOnly
{
    public const string Argument = "--migrate-only";
    public const string Setting = "Database:MigrateOnly";

    /// <summary>The command line with <c>--migrate-only</c> turned into the setting, so one configuration key decides.</summary>
    public static string[] AsSetting(string[] args) =>
        args.Select(argument => argument == Argument ? $"--{Setting}=true" : argument).ToArray();

    public static bool IsRequested(IConfiguration configuration) => configuration.GetValue<bool>(Setting);

    /// <summary>Applies every migration the service registered: 0 when done, 1 with one line naming the setting when one fails.</summary>
    public static int Run(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateOnly));
        var migrations = app.Services.GetServices<IDatabaseMigration>().ToList();
        if (migrations.Count == 0)
        {
            Console.Error.WriteLine($"error: {Argument}: this service has no database to migrate.");
            return 2;
        }

        foreach (var migration in migrations)
        {
            try
            {
                migration.ApplyAsync(CancellationToken.None).GetAwaiter().GetResult();
                logger.LogInformation("{Database} is migrated ({Argument}); exiting", migration.ConnectionName, Argument);
            }
            catch (Exception exception)
            {
                Console.Error.WriteLine(
                    $"error: the migrations of {migration.ConnectionName} failed: {exception.GetBaseException().Message.TrimEnd('.')}. " +
                    $"Check the setting ConnectionStrings__{migration.ConnectionName} and that PostgreSQL is reachable.");
                return 1;
            }
        }

        return 0;
    }
}

/// <summary>A service's database migrations, applied at start or alone with <see cref="MigrateOnly"/>.</summary>
public interface IDatabaseMigration
{
    /// <summary>The connection string's name, e.g. <c>catalogdb</c> (setting <c>ConnectionStrings__catalogdb</c>).</summary>
    string ConnectionName { get; }

    Task ApplyAsync(CancellationToken cancellationToken);
}
