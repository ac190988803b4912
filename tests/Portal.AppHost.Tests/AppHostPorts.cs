using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Portal.AppHost.Tests;

/// <summary>Free loopback ports and a data folder for one AppHost run, as the AppHost's settings.</summary>
public sealed class AppHostPorts
{
    public int FrontDoor { get; } = Free();
    public int Dashboard { get; } = Free();
    public int DashboardOtlp { get; } = Free();
    public int ResourceService { get; } = Free();
    public int Postgres { get; } = Free();
    public int Amqp { get; } = Free();
    public int Distribution { get; } = Free();
    public int Management { get; } = Free();
    public int Epmd { get; } = Free();
    public int Catalog { get; } = Free();
    public int Docs { get; } = Free();
    public int Search { get; } = Free();
    public int Scaffolder { get; } = Free();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "portal-apphost-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public IEnumerable<int> All =>
        [FrontDoor, Dashboard, DashboardOtlp, ResourceService, Postgres, Amqp, Distribution, Management, Epmd, Catalog, Docs, Search, Scaffolder];

    public string FrontDoorUrl => $"http://127.0.0.1:{FrontDoor}";

    public string DashboardUrl => $"http://127.0.0.1:{Dashboard}";

    /// <summary>The settings as the AppHost reads them (environment variable names, which also work as --Key=value arguments).</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["AppHost__FrontDoorPort"] = Text(FrontDoor),
        ["AppHost__DashboardPort"] = Text(Dashboard),
        ["AppHost__DashboardOtlpPort"] = Text(DashboardOtlp),
        ["AppHost__ResourceServicePort"] = Text(ResourceService),
        ["AppHost__DataDirectory"] = DataDirectory,
        ["AppHost__Postgres__Port"] = Text(Postgres),
        ["AppHost__RabbitMq__NodeName"] = "apphost-test-" + Text(Amqp) + "@localhost",
        ["AppHost__RabbitMq__AmqpPort"] = Text(Amqp),
        ["AppHost__RabbitMq__DistributionPort"] = Text(Distribution),
        ["AppHost__RabbitMq__ManagementPort"] = Text(Management),
        ["AppHost__RabbitMq__EpmdPort"] = Text(Epmd),
        ["AppHost__Services__catalog__Port"] = Text(Catalog),
        ["AppHost__Services__docs__Port"] = Text(Docs),
        ["AppHost__Services__search__Port"] = Text(Search),
        ["AppHost__Services__scaffolder__Port"] = Text(Scaffolder),
    };

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

    private static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
