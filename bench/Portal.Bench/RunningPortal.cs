using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Bench;

/// <summary>
/// The system under measurement: a running portal given with <c>--url</c> (and <c>--dashboard</c>), or the AppHost started
/// here from its build output on ports and a data folder of its own (<c>.data/bench</c>, emptied first), stopped with Ctrl+C after.
/// </summary>
public sealed class RunningPortal : IAsyncDisposable
{
    private const int FrontDoorPort = 27007;
    private const int DashboardPort = 28898;
    private readonly Process? _appHost;

    private RunningPortal(Uri frontDoor, Uri dashboard, Process? appHost)
    {
        FrontDoor = frontDoor;
        Dashboard = dashboard;
        _appHost = appHost;
        Http = new HttpClient { BaseAddress = frontDoor, Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri FrontDoor { get; }

    public Uri Dashboard { get; }

    /// <summary>A client of the front door; keeps its connections open, as a real client would.</summary>
    public HttpClient Http { get; }

    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new BenchException("cannot find Portal.sln above the bench's build output");
        }
    }

    /// <summary>Uses the portal at <c>--url</c>, or starts one with <paramref name="environment"/> added to the AppHost's.</summary>
    public static async Task<RunningPortal> StartAsync(BenchArguments arguments, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        RunningPortal portal;
        if (arguments.String("url") is { } url)
        {
            portal = new RunningPortal(new Uri(url), new Uri(arguments.String("dashboard") ?? "http://127.0.0.1:18888"), null);
        }
        else
        {
            portal = new RunningPortal(
                new Uri($"http://127.0.0.1:{FrontDoorPort}"), new Uri($"http://127.0.0.1:{DashboardPort}"), StartAppHost(environment));
        }

        await portal.WaitHealthyAsync(TimeSpan.FromMinutes(5));
        return portal;
    }

    /// <summary>The process id of a service, from the dashboard.</summary>
    public async Task<int> ServicePidAsync(string service)
    {
        using var dashboard = new HttpClient { BaseAddress = Dashboard };
        var resources = await dashboard.GetFromJsonAsync<JsonElement>("/api/resources");
        foreach (var resource in resources.EnumerateArray())
        {
            if (resource.GetProperty("name").GetString() == service && resource.GetProperty("pid").ValueKind == JsonValueKind.Number)
            {
                return resource.GetProperty("pid").GetInt32();
            }
        }

        throw new BenchException($"the dashboard at {Dashboard} shows no process for {service}");
    }

    /// <summary>A service's recent log lines, from the dashboard.</summary>
    public async Task<IReadOnlyList<string>> ServiceLogAsync(string service)
    {
        using var dashboard = new HttpClient { BaseAddress = Dashboard };
        var lines = await dashboard.GetFromJsonAsync<JsonElement>($"/api/resources/{service}/logs");
        return lines.EnumerateArray().Select(line => line.ValueKind == JsonValueKind.String ? line.GetString()! : line.ToString()).ToList();
    }

    /// <summary>Resident memory of a process, from /proc.</summary>
    public async Task<double> ServiceRssMegabytesAsync(string service)
    {
        var pid = await ServicePidAsync(service);
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return Math.Round(kilobytes / 1024.0, 1);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_appHost is null)
        {
            return;
        }

        if (!_appHost.HasExited)
        {
            using (var interrupt = Process.Start("kill", ["-INT", _appHost.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            try
            {
                await _appHost.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _appHost.Kill(entireProcessTree: true);
            }
        }

        _appHost.Dispose();
    }

    private static Process StartAppHost(IReadOnlyDictionary<string, string> environment)
    {
        var root = RepositoryRoot;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var appHost = Path.Combine(root, "Portal.AppHost", "bin", configuration, "net10.0", "Portal.AppHost.dll");
        if (!File.Exists(appHost))
        {
            throw new BenchException($"{appHost} is missing; build with: dotnet build -c {configuration} bench/Portal.Bench");
        }

        var data = Path.Combine(root, ".data", "bench");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        // SIGINT back to its default: a bench started in the background inherits it ignored, and it stops the AppHost.
        var start = new ProcessStartInfo("env") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(appHost);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AppHost__DataDirectory"] = data,
            ["AppHost__DemoCatalog"] = "",
            ["AppHost__FrontDoorPort"] = FrontDoorPort.ToString(CultureInfo.InvariantCulture),
            ["AppHost__DashboardPort"] = DashboardPort.ToString(CultureInfo.InvariantCulture),
            ["AppHost__Postgres__Port"] = "25432",
            ["AppHost__RabbitMq__NodeName"] = "portal-bench@localhost",
            ["AppHost__RabbitMq__AmqpPort"] = "25672",
            ["AppHost__RabbitMq__DistributionPort"] = "25673",
            ["AppHost__RabbitMq__ManagementPort"] = "25674",
            ["AppHost__Services__catalog__Port"] = "27010",
            ["AppHost__Services__scaffolder__Port"] = "27011",
            ["AppHost__Services__docs__Port"] = "27012",
            ["AppHost__Services__search__Port"] = "27013",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        foreach (var (name, value) in environment)
        {
            settings[name] = value;
        }

        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new BenchException("could not start the AppHost");
        process.OutputDataReceived += (_, e) => Progress.Verbose(e.Data);
        process.ErrorDataReceived += (_, e) => Progress.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Progress.Write($"AppHost started (front door {FrontDoorPort}, dashboard {DashboardPort}, data {data})");
        return process;
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var dashboard = new HttpClient { BaseAddress = Dashboard, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_appHost is { HasExited: true })
            {
                throw new BenchException($"the AppHost exited with code {_appHost.ExitCode} before the portal was healthy");
            }

            try
            {
                var resources = await dashboard.GetFromJsonAsync<JsonElement>("/api/resources");
                if (resources.EnumerateArray().All(r => r.GetProperty("state").GetString() == "Healthy"))
                {
                    Progress.Write("every resource is healthy");
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(500);
        }

        throw new BenchException($"the portal was not healthy within {timeout.TotalSeconds:0} s (dashboard {Dashboard})");
    }
}
