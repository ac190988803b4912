using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Portal.LocalServers;

namespace Portal.Testing;

/// <summary>
/// Every port one AppHost run takes, free on this machine when chosen and distinct, a RabbitMQ node name and a data
/// folder of its own: as the AppHost's settings, so the run goes beside other AppHosts and the shared test servers.
/// </summary>
public sealed class AppHostPorts
{
    private readonly HashSet<int> _taken = [];

    public AppHostPorts()
    {
        FrontDoor = Free();
        Dashboard = Free();
        DashboardOtlp = Free();
        ResourceService = Free();
        Postgres = Free();
        Amqp = Free();
        Distribution = Free();
        Management = Free();
        Epmd = Free();
        Catalog = Free();
        Docs = Free();
        Search = Free();
        Scaffolder = Free();
        Identity = Free();
        Scorecards = Free();
    }

    public int FrontDoor { get; }

    public int Dashboard { get; }

    public int DashboardOtlp { get; }

    public int ResourceService { get; }

    public int Postgres { get; }

    public int Amqp { get; }

    public int Distribution { get; }

    /// <summary>RabbitMQ's management UI and HTTP API.</summary>
    public int Management { get; }

    public int Epmd { get; }

    public int Catalog { get; }

    public int Docs { get; }

    public int Search { get; }

    public int Scaffolder { get; }

    public int Identity { get; }

    public int Scorecards { get; }

    /// <summary>PostgreSQL's and RabbitMQ's files, built docs, published repositories; see <see cref="DeleteData"/>.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "portal-apphost-run-" + Guid.NewGuid().ToString("N")[..10]);

    public IEnumerable<int> All =>
        [FrontDoor, Dashboard, DashboardOtlp, ResourceService, Postgres, Amqp, Distribution, Management, Epmd, Catalog, Docs, Search, Scaffolder, Identity, Scorecards];

    public string FrontDoorUrl => $"http://127.0.0.1:{FrontDoor}";

    public string DashboardUrl => $"http://127.0.0.1:{Dashboard}";

    /// <summary>The settings as the AppHost reads them from its environment; <see cref="Arguments"/> gives them as arguments.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AppHost__FrontDoorPort"] = Text(FrontDoor),
        ["AppHost__DashboardPort"] = Text(Dashboard),
        ["AppHost__DashboardOtlpPort"] = Text(DashboardOtlp),
        ["AppHost__ResourceServicePort"] = Text(ResourceService),
        ["AppHost__DataDirectory"] = DataDirectory,
        ["AppHost__Postgres__Port"] = Text(Postgres),
        ["AppHost__RabbitMq__NodeName"] = RabbitMqNodeName,
        ["AppHost__RabbitMq__AmqpPort"] = Text(Amqp),
        ["AppHost__RabbitMq__DistributionPort"] = Text(Distribution),
        ["AppHost__RabbitMq__ManagementPort"] = Text(Management),
        ["AppHost__RabbitMq__EpmdPort"] = Text(Epmd),
        ["AppHost__Services__catalog__Port"] = Text(Catalog),
        ["AppHost__Services__docs__Port"] = Text(Docs),
        ["AppHost__Services__search__Port"] = Text(Search),
        ["AppHost__Services__scaffolder__Port"] = Text(Scaffolder),
        ["AppHost__Services__identity__Port"] = Text(Identity),
        ["AppHost__Services__scorecards__Port"] = Text(Scorecards),
    };

    public string RabbitMqNodeName => "apphost-run-" + Text(Amqp) + "@localhost";

    /// <summary>
    /// The run's RabbitMQ node (the AppHost keeps it in the data folder's <c>rabbitmq/</c>), for a drill to stop and start;
    /// <paramref name="administrator"/> is the management login the AppHost created in place of guest.
    /// </summary>
    public RabbitMqServer RabbitMq(NetworkCredential administrator) => RabbitMqServer.Attach(new RabbitMqServerOptions
    {
        Administrator = administrator,
        BaseDirectory = Path.Combine(DataDirectory, "rabbitmq"),
        NodeName = RabbitMqNodeName,
        AmqpPort = Amqp,
        DistributionPort = Distribution,
        ManagementPort = Management,
        EpmdPort = Epmd,
    });

    /// <summary>The settings as <c>--AppHost:Key=value</c> arguments.</summary>
    public string[] Arguments => [.. Settings.Select(s => $"--{s.Key.Replace("__", ":", StringComparison.Ordinal)}={s.Value}")];

    public void DeleteData()
    {
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    public static bool IsListening(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A port nothing listens on now, distinct from this run's others.</summary>
    private int Free()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (_taken.Add(port))
            {
                return port;
            }
        }
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
