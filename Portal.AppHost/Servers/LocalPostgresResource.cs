using System.Net;

namespace Portal.AppHost.Servers;

/// <summary>
/// A PostgreSQL server of our own on loopback, run by the orchestrator from the machine's PostgreSQL 15 binaries:
/// here there is no container engine for Aspire's PostgreSQL integration. Like that integration's resource it has a
/// connection string (the superuser's, with its password) and databases as child resources.
/// </summary>
public sealed class LocalPostgresResource(string name, string command, string workingDirectory, NetworkCredential superuser)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    private EndpointReference? _endpoint;

    public EndpointReference Endpoint => _endpoint ??= new EndpointReference(this, EndpointName);

    public NetworkCredential Superuser { get; } = superuser;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create(
            $"Host={Endpoint.Property(EndpointProperty.Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username={Superuser.UserName};Password={Superuser.Password}");
}

/// <summary>
/// One service's database on a <see cref="LocalPostgresResource"/>, created once the server is up and owned by a role
/// of its own (<see cref="Owner"/>), the only login it lets in; its connection string is that role's.
/// </summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresResource parent, NetworkCredential owner)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    public LocalPostgresResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public NetworkCredential Owner { get; } = owner;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create(
            $"Host={Parent.Endpoint.Property(EndpointProperty.Host)};Port={Parent.Endpoint.Property(EndpointProperty.Port)};Username={Owner.UserName};Password={Owner.Password};Database={DatabaseName}");
}
