using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Npgsql.Replication;
using Portal.LocalServers;
using Portal.Testing;
using RabbitMQ.Client;
using Xunit;

namespace Portal.AppHost.Tests;

/// <summary>
/// The AppHost's PostgreSQL and RabbitMQ let in only the logins it generated, and a data folder from before logins
/// existed (a trust cluster, a node with guest) is migrated on its first start. One AppHost run holds every assertion.
/// </summary>
[UnsupportedOSPlatform("windows")] // file modes and the local servers are Linux's
public sealed class LocalServerCredentialsTests
{
    private const string WrongPassword = "not-the-password";

    [Fact]
    public async Task A_data_folder_from_before_is_migrated_and_the_servers_let_in_only_the_generated_logins()
    {
        var ports = new AppHostPorts();
        try
        {
            await CreateDataFolderFromBeforeLoginsAsync(ports);
            using var apphost = AppHostRun.StartWithTokens(ports, out var tokens, "--AppHost:DemoCatalog=");
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(8);
            while (!apphost.HasExited && !apphost.Output.Contains("Portal is ready:", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }

            Assert.True(!apphost.HasExited && apphost.Output.Contains("Portal is ready:", StringComparison.Ordinal), "no ready line:\n" + apphost.Output);

            var secretsFile = Path.Combine(ports.DataDirectory, "secrets", "local-servers.json");
            Assert.Contains(secretsFile, apphost.Output, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretsFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(secretsFile)!));
            var secrets = ReadSecrets(secretsFile);

            await PostgreSql_needs_the_password_over_tcp_and_the_socket(ports, secrets);
            await Each_database_lets_in_its_own_role_only_and_it_owns_what_was_there(ports, secrets);
            await RabbitMq_refuses_guest_and_wrong_passwords_on_amqp_and_the_management_api(ports, secrets);

            // Every service reached its database and the broker with its generated login.
            using var http = new HttpClient(new AutomationTokenHandler(tokens, () => ports.FrontDoor) { InnerHandler = new HttpClientHandler() }) { Timeout = TimeSpan.FromSeconds(10) };
            using var entities = await http.GetAsync($"{ports.FrontDoorUrl}/api/catalog/entities/by-query?limit=1");
            Assert.Equal(HttpStatusCode.OK, entities.StatusCode);

            // The passwords are in the file only: never in what the AppHost wrote.
            Assert.All(secrets.Values, login => Assert.DoesNotContain(login.Password, apphost.Output, StringComparison.Ordinal));
            await apphost.StopAsync();
        }
        finally
        {
            ports.DeleteData();
        }
    }

    private static async Task PostgreSql_needs_the_password_over_tcp_and_the_socket(AppHostPorts ports, Dictionary<string, Login> secrets)
    {
        var superuser = secrets["postgres"];
        var socketDirectory = Path.Combine(ports.DataDirectory, "postgres", "socket");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(socketDirectory));
        var hba = await File.ReadAllLinesAsync(Path.Combine(ports.DataDirectory, "postgres", "data", "pg_hba.conf"));
        Assert.DoesNotContain(hba, line => !line.TrimStart().StartsWith('#') && line.Contains("trust", StringComparison.Ordinal));

        foreach (var host in new[] { "127.0.0.1", socketDirectory })
        {
            var none = await Assert.ThrowsAnyAsync<NpgsqlException>(() => ConnectAsync(host, ports.Postgres, "postgres", "postgres", password: null));
            Assert.Contains("SCRAM", none.Message, StringComparison.Ordinal);
            var wrong = await Assert.ThrowsAsync<PostgresException>(() => ConnectAsync(host, ports.Postgres, "postgres", "postgres", WrongPassword));
            Assert.Equal(PostgresErrorCodes.InvalidPassword, wrong.SqlState);
            await using var connection = await ConnectAsync(host, ports.Postgres, superuser.User, "postgres", superuser.Password);
        }

        // Physical replication (pg_hba's own "replication" lines) needs it too.
        await using var replication = new PhysicalReplicationConnection(new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = ports.Postgres, Username = "postgres", Password = WrongPassword, Timeout = 10,
        }.ConnectionString);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => replication.Open());
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
    }

    private static async Task Each_database_lets_in_its_own_role_only_and_it_owns_what_was_there(AppHostPorts ports, Dictionary<string, Login> secrets)
    {
        var catalog = secrets["postgres/catalogdb"];
        var search = secrets["postgres/searchdb"];
        Assert.Equal("catalogdb", catalog.User);

        var other = await Assert.ThrowsAsync<PostgresException>(() => ConnectAsync("127.0.0.1", ports.Postgres, catalog.User, "searchdb", catalog.Password));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, other.SqlState);
        other = await Assert.ThrowsAsync<PostgresException>(() => ConnectAsync("127.0.0.1", ports.Postgres, search.User, "catalogdb", search.Password));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, other.SqlState);
        var postgresDatabase = await Assert.ThrowsAsync<PostgresException>(() => ConnectAsync("127.0.0.1", ports.Postgres, catalog.User, "postgres", catalog.Password));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, postgresDatabase.SqlState);

        await using var connection = await ConnectAsync("127.0.0.1", ports.Postgres, catalog.User, "catalogdb", catalog.Password);
        await using var owners = new NpgsqlCommand(
            """
            SELECT (SELECT tableowner FROM pg_tables WHERE tablename = 'legacy_rows'),
                   (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'legacy_rows_id_seq'),
                   (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'catalogdb'),
                   (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
            """, connection);
        await using var reader = await owners.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(["catalogdb", "catalogdb", "catalogdb"], [reader.GetString(0), reader.GetString(1), reader.GetString(2)]);
        Assert.False(reader.GetBoolean(3));
    }

    private static async Task RabbitMq_refuses_guest_and_wrong_passwords_on_amqp_and_the_management_api(AppHostPorts ports, Dictionary<string, Login> secrets)
    {
        var messaging = secrets["rabbitmq/messaging"];
        var administrator = secrets["rabbitmq/management"];
        foreach (var (user, password) in new[] { ("guest", "guest"), (messaging.User, WrongPassword), (administrator.User, WrongPassword) })
        {
            var refused = await AmqpLoginAsync(ports.Amqp, user, password);
            Assert.True(refused?.Contains("ACCESS_REFUSED", StringComparison.Ordinal) == true, $"AMQP login as {user}: {refused ?? "accepted"}");
        }

        Assert.Null(await AmqpLoginAsync(ports.Amqp, messaging.User, messaging.Password));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var (user, password) in new[] { ("guest", "guest"), (administrator.User, WrongPassword), (messaging.User, messaging.Password) })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await ManagementStatusAsync(http, ports.Management, user, password));
        }

        Assert.Equal(HttpStatusCode.OK, await ManagementStatusAsync(http, ports.Management, administrator.User, administrator.Password));
    }

    /// <summary>
    /// What an AppHost of before left in a data folder: a PostgreSQL cluster that trusts every local connection, with a
    /// service's database and a table the superuser owns, and a RabbitMQ node (the same node name) whose admin is guest.
    /// </summary>
    private static async Task CreateDataFolderFromBeforeLoginsAsync(AppHostPorts ports)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var postgres = await LocalPostgres.StartAsync(
            new PostgresServerOptions { DataDirectory = Path.Combine(ports.DataDirectory, "postgres"), Port = ports.Postgres, Fsync = false },
            NullLogger.Instance, timeout.Token);
        try
        {
            await postgres.EnsureDatabaseAsync("catalogdb", timeout.Token);
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres.ConnectionString("catalogdb")) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(timeout.Token);
            await using var create = new NpgsqlCommand("CREATE TABLE legacy_rows (id serial PRIMARY KEY, note text)", connection);
            await create.ExecuteNonQueryAsync(timeout.Token);
        }
        finally
        {
            await postgres.StopAsync();
        }

        var rabbitMq = await LocalRabbitMq.StartAsync(
            new RabbitMqServerOptions
            {
                BaseDirectory = Path.Combine(ports.DataDirectory, "rabbitmq"),
                NodeName = ports.Settings["AppHost__RabbitMq__NodeName"],
                AmqpPort = ports.Amqp,
                DistributionPort = ports.Distribution,
                ManagementPort = ports.Management,
                InstallIfMissing = true,
            },
            NullLogger.Instance, timeout.Token);
        await rabbitMq.StopAsync();
    }

    private static async Task<NpgsqlConnection> ConnectAsync(string host, int port, string user, string database, string? password)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = port,
            Username = user,
            Password = password,
            Database = database,
            Pooling = false,
            Timeout = 10,
        }.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Null when the broker lets the login in (a channel opens), else why it did not.</summary>
    private static async Task<string?> AmqpLoginAsync(int port, string user, string password)
    {
        var factory = new ConnectionFactory
        {
            HostName = "127.0.0.1",
            Port = port,
            UserName = user,
            Password = password,
            VirtualHost = "/",
            AutomaticRecoveryEnabled = false,
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            return null;
        }
        catch (Exception exception) when (exception is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.AuthenticationFailureException)
        {
            var messages = new StringBuilder();
            for (Exception? current = exception; current is not null; current = current.InnerException)
            {
                messages.Append(current.Message).Append(" | ");
            }

            return messages.ToString();
        }
    }

    private static async Task<HttpStatusCode> ManagementStatusAsync(HttpClient http, int port, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/api/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static Dictionary<string, Login> ReadSecrets(string path) =>
        JsonSerializer.Deserialize<Dictionary<string, Login>>(File.ReadAllText(path), JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException($"{path} is empty");

    private sealed record Login(string User, string Password);
}
