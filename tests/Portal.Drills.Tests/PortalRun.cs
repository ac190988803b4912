using System.Net.Http.Json;
using System.Text.Json;
using Portal.AppHost;
using Portal.AppHost.Servers;
using Npgsql;
using Portal.LocalServers;
using Portal.Testing;
using Xunit;

namespace Portal.Drills.Tests;

/// <summary>
/// The whole portal as an operator runs it (the AppHost with its own PostgreSQL and RabbitMQ in a data folder of its
/// own, no demo catalog), shared by the drills of <see cref="DrillCollection"/>: starting it costs minutes on two cores.
/// Drills may stop and start this run's servers; never the shared test servers.
/// </summary>
public class PortalRun : IAsyncLifetime
{
    private readonly string[] _arguments;

    public PortalRun()
        : this([])
    {
    }

    /// <summary>A run with <paramref name="arguments"/> added to the AppHost's command line (e.g. <c>--AppHost:Replicas=2</c>).</summary>
    protected PortalRun(params string[] arguments) => _arguments = ["--AppHost:DemoCatalog=", .. arguments];

    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(6);

    /// <summary>
    /// Shorter than the defaults so a drill waits seconds, not minutes, for what a dead replica left: a rebuild whose
    /// claim was not renewed for 30 s (10 s heartbeats) counts as abandoned, looked for every 5 s.
    /// </summary>
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Search__Reindex__StaleAfter"] = "00:00:30",
        ["Search__Reindex__WatchInterval"] = "00:00:05",

        // The kill drills: a docs build whose replica died is queued again once its lease (renewed every third of it) ran out.
        ["Docs__Builds__Lease"] = "00:00:15",
    };

    public AppHostPorts Ports { get; } = new();

    public AppHostRun AppHost { get; private set; } = null!;

    /// <summary>The run's automation and development credentials.</summary>
    public PortalTokens Tokens { get; private set; } = null!;

    /// <summary>Through the front door, with the automation client's token.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>Straight to a service, for its <c>/health</c> (anonymous).</summary>
    public HttpClient Probe { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Where locations the catalog may read are written.</summary>
    public string Repositories => Path.Combine(Ports.DataDirectory, "repos");

    public async Task InitializeAsync()
    {
        AppHost = AppHostRun.StartWithTokens(Ports, Settings, out var tokens, _arguments);
        Tokens = tokens;
        Http = new HttpClient(new AutomationTokenHandler(tokens, () => Ports.FrontDoor) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = new Uri(Ports.FrontDoorUrl),
            Timeout = TimeSpan.FromSeconds(30),
        };
        var banner = $"Portal is ready: {Ports.FrontDoorUrl}";
        await Eventually.GetAsync(
            () => Task.FromResult(AppHost.HasExited || AppHost.Output.Contains(banner, StringComparison.Ordinal)),
            ready => ready, StartLimit, "the AppHost's ready line", _ => AppHost.StdoutTail);
        if (AppHost.HasExited)
        {
            throw new InvalidOperationException($"the AppHost ended ({AppHost.ExitCode}):\n{AppHost.Output}");
        }

        Directory.CreateDirectory(Repositories);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Probe.Dispose();
        await AppHost.StopAsync();
        AppHost.Dispose();
        Ports.DeleteData();
    }

    /// <summary>A service's readiness report: its HTTP status and the JSON body; status 0 while nothing answers.</summary>
    public async Task<(int Status, JsonElement Report)> HealthAsync(int servicePort)
    {
        try
        {
            using var response = await Probe.GetAsync($"http://127.0.0.1:{servicePort}/health");
            return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return (0, default);
        }
    }

    /// <summary>The run's RabbitMQ node, with the management login the AppHost keeps in its secrets file.</summary>
    public RabbitMqServer Broker => Ports.RabbitMq(
        LocalServerSecrets.Open(Ports.DataDirectory).Login(LocalServerSecrets.RabbitMqManagement, BackingServers.RabbitMqAdministrator));

    /// <summary>The run's RabbitMQ management HTTP API, as its administrator: to publish, read queues and their messages.</summary>
    public RabbitMqManagementApi BrokerManagement => new(Ports.Management,
        LocalServerSecrets.Open(Ports.DataDirectory).Login(LocalServerSecrets.RabbitMqManagement, BackingServers.RabbitMqAdministrator));

    /// <summary>A service's database (e.g. <c>catalogdb</c>) as its own role, for drills that watch its tables.</summary>
    public string DatabaseConnectionString(string database)
    {
        var login = LocalServerSecrets.Open(Ports.DataDirectory).Login(LocalServerSecrets.PostgresDatabase(database), database);
        return $"Host=127.0.0.1;Port={Ports.Postgres};Database={database};Username={login.UserName};Password={login.Password};Pooling=false";
    }

    /// <summary>Kills (SIGKILL) the process of a service (e.g. <c>Search.Api</c>), not the <c>dotnet run</c> that DCP started it with.</summary>
    public int Kill(string service)
    {
        var process = AppHost.ProcessesOfTheRun().First(p => p.CommandLine.Contains($"/{service}/bin/", StringComparison.Ordinal)
                                                           && p.CommandLine.StartsWith('/'));
        using var target = System.Diagnostics.Process.GetProcessById(process.Pid);
        target.Kill();
        return process.Pid;
    }

    /// <summary>The pid of the run's PostgreSQL server (its postmaster), from the cluster's <c>postmaster.pid</c>.</summary>
    public int PostmasterPid() => int.Parse(
        File.ReadLines(Path.Combine(Ports.DataDirectory, "postgres", "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The pid of a service's process (e.g. <c>Catalog.Api</c>), to tell whether it was restarted.</summary>
    public int ServicePid(string service) => ServicePids(service)[0];

    /// <summary>The pids of every replica of a service.</summary>
    public IReadOnlyList<int> ServicePids(string service) => [.. AppHost.ProcessesOfTheRun()
        .Where(p => p.CommandLine.Contains($"/{service}/bin/", StringComparison.Ordinal) && p.CommandLine.StartsWith('/')).Select(p => p.Pid)];

    /// <summary>Writes <paramref name="yaml"/> to <c>repos/{folder}/catalog-info.yaml</c> and registers it; gives the location's id.</summary>
    public async Task<Guid> RegisterLocationAsync(string folder, string yaml)
    {
        var file = Path.Combine(Repositories, folder, "catalog-info.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, yaml);
        using var response = await Http.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = file });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"registration of {file}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("location").GetProperty("id").GetGuid();
    }

    /// <summary>A location's status (<c>GET /api/catalog/locations/{id}</c>); <c>default</c> while it does not answer 2xx.</summary>
    public async Task<JsonElement> LocationStatusAsync(Guid location)
    {
        using var response = await Http.GetAsync($"/api/catalog/locations/{location}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
    }

    /// <summary>
    /// A connection to one of the run's databases (<c>catalogdb</c>, <c>docsdb</c> …) as PostgreSQL's superuser, for a
    /// drill to look at the claims a service holds; the login is the one the AppHost keeps in its secrets file.
    /// </summary>
    public async Task<NpgsqlConnection> OpenDatabaseAsync(string database)
    {
        var login = LocalServerSecrets.Open(Ports.DataDirectory).Login(LocalServerSecrets.PostgresSuperuser, "postgres");
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = Ports.Postgres, Database = database, Username = login.UserName, Password = login.Password,
            Pooling = false, Timeout = 10,
        }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The one number a query on one of the run's databases gives, e.g. how many rows are claimed.</summary>
    public async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = await OpenDatabaseAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// How many documents search finds for the <paramref name="groups"/> terms <c>{prefix}g0</c>, <c>{prefix}g1</c>…
    /// together; -1 while search does not answer. One term counts at most 1,000 candidates
    /// (<c>Search:Engine:CandidateLimit</c>), so a drill spreads its entities over groups smaller than that.
    /// </summary>
    public async Task<int> SearchCountAsync(string prefix, int groups)
    {
        var total = 0;
        for (var group = 0; group < groups; group++)
        {
            using var response = await Http.GetAsync($"/api/search/query?term={Uri.EscapeDataString(GroupTerm(prefix, group))}&limit=1");
            if (!response.IsSuccessStatusCode)
            {
                return -1;
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (body.TryGetProperty("numberOfResultsCapped", out var capped) && capped.ValueKind == JsonValueKind.True)
            {
                throw new InvalidOperationException($"the count of '{GroupTerm(prefix, group)}' is capped: use smaller groups");
            }

            total += body.GetProperty("numberOfResults").GetInt32();
        }

        return total;
    }

    /// <summary>The search term of an entity's group (<see cref="SearchCountAsync"/>), for its description.</summary>
    public static string GroupTerm(string prefix, int group) => $"{prefix}g{group}";
}

[CollectionDefinition(Name)]
public sealed class DrillCollection : ICollectionFixture<PortalRun>
{
    public const string Name = "portal run";
}
