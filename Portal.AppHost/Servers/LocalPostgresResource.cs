namespace Portal.AppHost.Servers;

/// <summary>
/// A PostgreSQL server of our own on loopback, run by the orchestrator from the machine's PostgreSQL 15 binaries:
/// here there is no container engine for Aspire's PostgreSQL integration. Like that integration's resource it has a
/// connection string (the server's; each database adds its name) and databases as child resources.
/// </summary>
public sealed class LocalPostgresResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string UserName = "postgres";

    private EndpointReference? _endpoint;

    public EndpointReference Endpoint => _endpoint ??= new EndpointReference(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create(
            $"Host={Endpoint.Property(EndpointProperty.Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username={UserName}");
}

/// <summary>One service's database on a <see cref="LocalPostgresResource"/>, created once the server is up.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    public LocalPostgresResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
