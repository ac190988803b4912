using Portal.LocalServers;

namespace Portal.AppHost.Startup;

/// <summary>How services reach PostgreSQL and RabbitMQ, whether the AppHost started them or configuration named them.</summary>
public sealed record ServerConnections(string PostgresAdminConnectionString, string MessagingUri, string DatabasePrefix = "")
{
    /// <summary>The database that serves a service's connection string of this name.</summary>
    public string DatabaseName(string name) => DatabasePrefix + name;

    /// <summary>The admin connection string pointed at a service's own database.</summary>
    public string Database(string name) => PostgresDatabases.WithDatabase(PostgresAdminConnectionString, DatabaseName(name));
}
