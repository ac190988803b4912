using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Portal.Web.Tests;

/// <summary>
/// The AppHost's build output started as <c>dotnet Portal.AppHost.dll</c>, with every port it takes free on this machine
/// and a RabbitMQ node name and data directory of its own, so it runs beside other AppHosts and the shared test servers.
/// It starts its own PostgreSQL and RabbitMQ in that data directory; the services inherit its environment.
/// </summary>
public sealed class AppHostRun
{
    private static readonly string[] ApiServices = ["catalog", "docs", "search", "scaffolder"];

    private readonly HashSet<int> _taken = [];
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly Dictionary<string, int> _servicePorts = new(StringComparer.Ordinal);
    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private Process? _process;

    public AppHostRun()
    {
        FrontDoorPort = FreePort();
        DashboardPort = FreePort();
        DashboardOtlpPort = FreePort();
        ResourceServicePort = FreePort();
        PostgresPort = FreePort();
        AmqpPort = FreePort();
        DistributionPort = FreePort();
        ManagementPort = FreePort();
        EpmdPort = FreePort();
        foreach (var service in ApiServices)
        {
            _servicePorts[service] = FreePort();
        }

        DataDirectory = Path.Combine(Path.GetTempPath(), "portal-web-tests-data-" + _run);
    }

    public int FrontDoorPort { get; }

    public int DashboardPort { get; }

    public int DashboardOtlpPort { get; }

    public int ResourceServicePort { get; }

    public int PostgresPort { get; }

    public int AmqpPort { get; }

    public int DistributionPort { get; }

    /// <summary>RabbitMQ's management UI and HTTP API.</summary>
    public int ManagementPort { get; }

    public int EpmdPort { get; }

    /// <summary>PostgreSQL's and RabbitMQ's files, built docs, published repositories; deleted by <see cref="StopAsync"/>.</summary>
    public string DataDirectory { get; }

    public bool HasExited => _process is { HasExited: true };

    /// <summary>What the AppHost wrote on stderr: its exit reason, or a resource that cannot start (<c>error: postgres: …</c>).</summary>
    public string Stderr => string.Join('\n', _stderr);

    /// <summary>The last lines the AppHost wrote on stdout (Aspire's own log).</summary>
    public string StdoutTail => string.Join('\n', _stdout);

    public bool ReportedError => _stderr.Any(line => line.StartsWith("error:", StringComparison.Ordinal));

    public int ExitCode => _process!.ExitCode;

    /// <summary>Starts the AppHost with its settings and <paramref name="environment"/> (which the services inherit too).</summary>
    public void Start(IReadOnlyDictionary<string, string> environment)
    {
        var repository = FindRepository();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        // Through env --default-signal=INT: a test run started in the background inherits SIGINT ignored, and SIGINT must still stop it.
        var start = new ProcessStartInfo("env") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(repository, "Portal.AppHost", "bin", configuration, "net10.0", "Portal.AppHost.dll"));
        foreach (var (name, value) in Settings().Concat(environment))
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stdout.Enqueue(e.Data);
                while (_stdout.Count > 100 && _stdout.TryDequeue(out var dropped))
                {
                }
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stderr.Enqueue(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>
    /// SIGINT (Ctrl+C), up to 60 s for the AppHost to end, else its process tree killed; then waits until the run's
    /// servers are gone (DCP stops them after the AppHost has ended) and deletes the data directory.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            using (var interrupt = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process?.Dispose();
        await WaitUntilClosedAsync([FrontDoorPort, DashboardPort, PostgresPort, AmqpPort, ManagementPort, .. _servicePorts.Values], TimeSpan.FromSeconds(60));
        await StopLeftoverEpmdAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private Dictionary<string, string> Settings()
    {
        string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AppHost__FrontDoorPort"] = Text(FrontDoorPort),
            ["AppHost__DashboardPort"] = Text(DashboardPort),
            ["AppHost__DashboardOtlpPort"] = Text(DashboardOtlpPort),
            ["AppHost__ResourceServicePort"] = Text(ResourceServicePort),
            ["AppHost__DataDirectory"] = DataDirectory,
            ["AppHost__Postgres__Port"] = Text(PostgresPort),
            ["AppHost__RabbitMq__NodeName"] = $"web-tests-{_run}@localhost",
            ["AppHost__RabbitMq__AmqpPort"] = Text(AmqpPort),
            ["AppHost__RabbitMq__DistributionPort"] = Text(DistributionPort),
            ["AppHost__RabbitMq__ManagementPort"] = Text(ManagementPort),
            ["AppHost__RabbitMq__EpmdPort"] = Text(EpmdPort),
        };
        foreach (var (service, port) in _servicePorts)
        {
            settings[$"AppHost__Services__{service}__Port"] = Text(port);
        }

        return settings;
    }

    /// <summary>
    /// The RabbitMQ node's own epmd outlives the AppHost when DCP kills the node's wrapper before it could stop it
    /// (seen with Portal.AppHost of 3c8ef49); it is this run's, on this run's port, so it is stopped here. epmd refuses
    /// to stop while the node is still registered, which it may be for a moment after its ports have closed.
    /// </summary>
    private async Task StopLeftoverEpmdAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await IsListeningAsync(EpmdPort) && DateTime.UtcNow < deadline)
        {
            using var kill = Process.Start(new ProcessStartInfo("/usr/lib/erlang/bin/epmd", ["-port", EpmdPort.ToString(CultureInfo.InvariantCulture), "-kill"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            await kill.WaitForExitAsync();
            await Task.Delay(500);
        }
    }

    private static async Task WaitUntilClosedAsync(IReadOnlyCollection<int> ports, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var open = false;
            foreach (var port in ports)
            {
                open |= await IsListeningAsync(port);
            }

            if (!open)
            {
                return;
            }

            await Task.Delay(250);
        }
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A port nothing listens on now, distinct from this run's others.</summary>
    private int FreePort()
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

    private static string FindRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Portal.sln")))
        {
            directory = directory.Parent;
        }

        return directory.FullName;
    }
}
