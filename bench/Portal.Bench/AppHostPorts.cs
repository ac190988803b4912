using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Portal.Bench;

/// <summary>Every port the AppHost takes, free on this machine when chosen, and the RabbitMQ node's name.</summary>
public sealed record AppHostPorts(
    int FrontDoor, int Dashboard, int DashboardOtlp, int ResourceService, int Postgres,
    int Amqp, int Distribution, int Management, int Epmd, int Catalog, int Scaffolder, int Docs, int Search, int Identity, int Scorecards)
{
    public static AppHostPorts Choose()
    {
        var taken = new HashSet<int>();
        int Free()
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                if (taken.Add(((IPEndPoint)listener.LocalEndpoint).Port))
                {
                    return ((IPEndPoint)listener.LocalEndpoint).Port;
                }
            }
        }

        return new AppHostPorts(Free(), Free(), Free(), Free(), Free(), Free(), Free(), Free(), Free(), Free(), Free(), Free(), Free(), Free(), Free());
    }

    public Dictionary<string, string> Settings()
    {
        static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AppHost__FrontDoorPort"] = Text(FrontDoor),
            ["AppHost__DashboardPort"] = Text(Dashboard),
            ["AppHost__DashboardOtlpPort"] = Text(DashboardOtlp),
            ["AppHost__ResourceServicePort"] = Text(ResourceService),
            ["AppHost__Postgres__Port"] = Text(Postgres),
            ["AppHost__RabbitMq__NodeName"] = $"portal-bench-{Text(Environment.ProcessId)}@localhost",
            ["AppHost__RabbitMq__AmqpPort"] = Text(Amqp),
            ["AppHost__RabbitMq__DistributionPort"] = Text(Distribution),
            ["AppHost__RabbitMq__ManagementPort"] = Text(Management),
            ["AppHost__RabbitMq__EpmdPort"] = Text(Epmd),
            ["AppHost__Services__catalog__Port"] = Text(Catalog),
            ["AppHost__Services__scaffolder__Port"] = Text(Scaffolder),
            ["AppHost__Services__docs__Port"] = Text(Docs),
            ["AppHost__Services__search__Port"] = Text(Search),
            ["AppHost__Services__identity__Port"] = Text(Identity),
            ["AppHost__Services__scorecards__Port"] = Text(Scorecards),
        };
    }
}
