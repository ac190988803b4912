using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Portal.LocalServers;

namespace Portal.AppHost.Servers;

public static class LocalPostgresExtensions
{
    /// <summary>
    /// PostgreSQL 15 from the machine's binaries on 127.0.0.1:<see cref="PostgresSettings.Port"/>, its cluster in
    /// <paramref name="dataDirectory"/> (created on first start), run in the foreground by the orchestrator so that
    /// stopping the AppHost, or killing it, stops the server too. Every connection gives a password (scram-sha-256,
    /// TCP and socket alike; the socket in a private <c>socket/</c> folder); the superuser's is
    /// <paramref name="superuser"/>'s, set again at every start, so a cluster from before passwords is migrated too.
    /// </summary>
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, PostgresSettings settings, string dataDirectory, NetworkCredential superuser)
    {
        var port = settings.Port;
        var cluster = new PostgresCluster(new PostgresServerOptions
        {
            DataDirectory = dataDirectory,
            SocketDirectory = Path.Combine(dataDirectory, "socket"),
            Port = port,
            BinDirectory = settings.BinDirectory,
            PortSettingName = AppHostSettings.Describe("Postgres", "Port"),
        });
        var resource = new LocalPostgresResource(name, "bash", workingDirectory: "/", superuser);
        var healthCheck = name + "-accepts-connections";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, async cancellationToken =>
            await AcceptsConnectionsAsync(port, "postgres", superuser, cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"no connection to 127.0.0.1:{port}"));

        return builder.AddResource(resource)
            .WithArgs([
                ServerScripts.Path("run-postgres.sh"), PostgresCluster.RunAs ?? "-",
                cluster.ServerProgram, "-D", cluster.DataPath, .. cluster.ServerArguments()])
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: LocalPostgresResource.EndpointName, isProxied: false)
            .WithHealthCheck(healthCheck)
            .WithIconName("Database")
            .OnBeforeResourceStarted((_, @event, cancellationToken) => StartupChecks.RunAsync(@event, async () =>
            {
                cluster.EnsureInstalled();
                StartupChecks.RequirePortFree(port, "PostgreSQL", AppHostSettings.Describe("Postgres", "Port"));
                await cluster.PrepareFolderAsync(cancellationToken);
                if (!cluster.IsInitialized)
                {
                    if (!cluster.IsEmpty)
                    {
                        throw new LocalServerException($"{cluster.DataPath} is not empty but holds no PostgreSQL cluster; empty it or choose another AppHost:DataDirectory");
                    }

                    await cluster.InitializeAsync(cancellationToken);
                }

                await cluster.RequirePasswordsAsync(superuser.Password, cancellationToken);
            }))
            .OnResourceReady(async (server, @event, cancellationToken) =>
            {
                // The orchestrator passes a server's state on to its databases only for containers: ours say it themselves.
                var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
                var superuserConnection = ServerConnectionString(port, "postgres", superuser);
                foreach (var maintenance in new[] { "postgres", "template1" })
                {
                    await PostgresRoles.RevokePublicConnectAsync(superuserConnection, maintenance, cancellationToken);
                }

                foreach (var database in @event.Services.GetRequiredService<DistributedApplicationModel>().Resources
                             .OfType<LocalPostgresDatabaseResource>().Where(d => d.Parent == server))
                {
                    await PostgresRoles.EnsureOwnerAsync(
                        superuserConnection, database.DatabaseName, database.Owner.UserName, database.Owner.Password, cancellationToken);
                    await notifications.PublishUpdateAsync(database, state => state with
                    {
                        State = KnownResourceStates.Running,
                        StartTimeStamp = DateTime.UtcNow,
                    });
                }
            });
    }

    /// <summary>
    /// A database on the server, created once the server is up and owned by <paramref name="owner"/>, a role of its own
    /// that may connect to it and no other database; its connection string is that role's.
    /// </summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresResource> server, string name, NetworkCredential owner)
    {
        var database = new LocalPostgresDatabaseResource(name, name, server.Resource, owner);
        var port = server.Resource.Annotations.OfType<EndpointAnnotation>().Single().TargetPort!.Value;
        var healthCheck = name + "-exists";
        server.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, async cancellationToken =>
            await AcceptsConnectionsAsync(port, database.DatabaseName, owner, cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"database {database.DatabaseName} is not there yet"));
        return server.ApplicationBuilder.AddResource(database)
            .WithHealthCheck(healthCheck)
            .WithIconName("DatabaseStack");
    }

    private static string ServerConnectionString(int port, string database, NetworkCredential login) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = login.UserName,
            Password = login.Password,
            Database = database,
            Timeout = 3,
            Pooling = false,
        }.ConnectionString;

    private static async Task<bool> AcceptsConnectionsAsync(int port, string database, NetworkCredential login, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ServerConnectionString(port, database, login));
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }
}
