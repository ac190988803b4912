using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Portal.Data.Outbox;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Startup;

namespace Portal.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers the service's own PostgreSQL database: an <see cref="NpgsqlDataSource"/> for set-based SQL,
    /// a pooled <typeparamref name="TContext"/> on the same data source, migrations applied before the service
    /// answers, a readiness health check, and the outbox dispatcher that publishes what the context wrote.
    /// </summary>
    public static TBuilder AddServiceDatabase<TBuilder, TContext>(this TBuilder builder, string connectionName)
        where TBuilder : IHostApplicationBuilder
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.RequireConnectionString(connectionName);
        builder.Services.AddNpgsqlDataSource(connectionString, dataSource => dataSource.EnableDynamicJson());
        builder.Services.AddDbContextPool<TContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>())
            .UseSnakeCaseNamingConvention());

        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>(connectionName, tags: [Extensions.ReadyTag]);
        builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<DatabaseMigrator<TContext>>(services, connectionName));
        builder.Services.AddSingleton<IDatabaseMigration>(services => services.GetRequiredService<DatabaseMigrator<TContext>>());
        builder.Services.AddStartupTask(services => services.GetRequiredService<DatabaseMigrator<TContext>>());
        builder.Services.AddOutboxDispatcher(builder.Configuration);
        return builder;
    }

    /// <summary>Options for Npgsql in design-time factories (dotnet ef), matching what the service uses at run time.</summary>
    public static DbContextOptions<TContext> DesignTimeOptions<TContext>(string connectionString) where TContext : DbContext =>
        new DbContextOptionsBuilder<TContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;
}
