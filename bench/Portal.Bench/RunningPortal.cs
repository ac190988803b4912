using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Bench;

/// <summary>
/// The system under measurement: a running portal given with <c>--url</c>, or the AppHost started here from its build
/// output with ports of its own (free ones, chosen at start) and its own data folder (<c>.data/bench</c>, emptied
/// first), stopped with Ctrl+C after. The run's processes (for memory figures) are found in <c>/proc</c> from the AppHost,
/// or, for <c>--url</c>, from the process listening on the front door's port.
/// </summary>
public sealed class RunningPortal : IAsyncDisposable
{
    private readonly Process? _appHost;
    private readonly string _automationSecret;
    private int? _appHostPid;

    private RunningPortal(Uri frontDoor, Uri dashboard, Process? appHost, string automationSecret)
    {
        FrontDoor = frontDoor;
        Dashboard = dashboard;
        _appHost = appHost;
        _appHostPid = appHost?.Id;
        _automationSecret = automationSecret;
        Http = new HttpClient(new AutomationTokenHandler(frontDoor, automationSecret)) { BaseAddress = frontDoor, Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri FrontDoor { get; }

    /// <summary>The Aspire dashboard, for the services' structured logs.</summary>
    public Uri Dashboard { get; }

    /// <summary>A client of the front door with the automation client's bearer token; keeps its connections open, as a real client would.</summary>
    public HttpClient Http { get; }

    /// <summary>The RabbitMQ management port of a portal the bench started; null for <c>--url</c>.</summary>
    public int? BrokerManagementPort { get; private set; }

    /// <summary>AppHost process start → the front door's /health answers 200 (the bench registers no demo catalog); null for <c>--url</c>.</summary>
    public TimeSpan? StartToReady { get; private set; }

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

    /// <summary>Uses the portal at <c>--url</c> (its Aspire dashboard at <c>--dashboard</c>), or starts one with <paramref name="environment"/> added to the AppHost's.</summary>
    public static async Task<RunningPortal> StartAsync(BenchArguments arguments, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        RunningPortal portal;
        if (arguments.String("url") is { } url)
        {
            var secret = Environment.GetEnvironmentVariable(AutomationTokenHandler.SecretVariable) is { Length: > 0 } given
                ? given
                : throw new BenchException($"with --url, set {AutomationTokenHandler.SecretVariable} to the automation client's secret of that portal");
            portal = new RunningPortal(new Uri(url), new Uri(arguments.String("dashboard") ?? "http://127.0.0.1:18888"), null, secret);
            await portal.WaitReadyAsync(TimeSpan.FromMinutes(5), Stopwatch.StartNew());
            portal._appHostPid = await RunProcesses.ListeningOnAsync(portal.FrontDoor.Port) is { } frontDoor ? RunProcesses.AppHostOf(frontDoor) : null;
            return portal;
        }

        var ports = AppHostPorts.Choose();
        var automationSecret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var (appHost, started) = StartAppHost(ports, new Dictionary<string, string>(environment) { [AutomationTokenHandler.SecretVariable] = automationSecret });
        portal = new RunningPortal(new Uri($"http://127.0.0.1:{ports.FrontDoor}"), new Uri($"http://127.0.0.1:{ports.Dashboard}"), appHost, automationSecret);
        try
        {
            await portal.WaitReadyAsync(TimeSpan.FromMinutes(5), started);
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }

        portal.StartToReady = started.Elapsed;
        portal.BrokerManagementPort = ports.Management;
        Progress.Write($"the front door is ready {started.Elapsed.TotalSeconds:0.0} s after the AppHost started");
        return portal;
    }

    /// <summary>Resident memory of a service's process (every replica's), from /proc.</summary>
    public Task<double> ServiceRssMegabytesAsync(string service) => Task.FromResult(Processes().ServiceRssMegabytes(service));

    /// <summary>
    /// A client of a service's own address, past the front door, with the same bearer token as <see cref="Http"/>:
    /// to tell the front door's share of a figure from the service's.
    /// </summary>
    public HttpClient ServiceClient(string service) =>
        new(new AutomationTokenHandler(FrontDoor, _automationSecret)) { BaseAddress = Processes().ServiceAddressAsTheFrontDoorSeesIt(service), Timeout = Http.Timeout };

    /// <summary>A service's recent structured log messages, from the Aspire dashboard's telemetry API.</summary>
    public async Task<IReadOnlyList<string>> ServiceLogAsync(string service)
    {
        using var dashboard = new HttpClient { BaseAddress = Dashboard, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await dashboard.GetAsync($"/api/telemetry/logs?resource={Uri.EscapeDataString(service)}&limit=10000");
        if (!response.IsSuccessStatusCode)
        {
            // A service that sends no telemetry (OTEL_SDK_DISABLED=true) is unknown to the dashboard: no log lines.
            return [];
        }

        var logs = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. logs.GetProperty("data").GetProperty("resourceLogs").EnumerateArray()
            .SelectMany(resource => resource.GetProperty("scopeLogs").EnumerateArray())
            .SelectMany(scope => scope.GetProperty("logRecords").EnumerateArray())
            .Select(record => record.TryGetProperty("body", out var body) && body.TryGetProperty("stringValue", out var text) ? text.GetString() ?? "" : "")];
    }

    /// <summary>
    /// The benchmark's <paramref name="figures"/> followed by the run's: start to ready, and the resident memory now of
    /// every process of the run, of Portal's own (services, PostgreSQL, RabbitMQ) and of Aspire's.
    /// </summary>
    public JsonObject WithRunFigures(object figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var run = Processes();
        return BenchJson.Merge(figures, new RunFigures(
            StartToReady is { } elapsed ? Math.Round(elapsed.TotalSeconds, 2) : null,
            run.RunRssMegabytes,
            run.PortalRssMegabytes,
            run.AspireRssMegabytes));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_appHost is null)
        {
            return;
        }

        var run = _appHost.HasExited ? [] : RunProcesses.Of(_appHost.Id).Pids;
        if (!_appHost.HasExited)
        {
            using (var interrupt = Process.Start("kill", ["-INT", _appHost.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await interrupt!.WaitForExitAsync();
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
        await WaitUntilEndedAsync(run, TimeSpan.FromMinutes(1));
    }

    private RunProcesses Processes()
    {
        if (_appHostPid is not { } pid)
        {
            throw new BenchException($"cannot find the AppHost of the portal at {FrontDoor} among this machine's processes");
        }

        return RunProcesses.Of(pid);
    }

    /// <summary>DCP stops the servers (the RabbitMQ node's epmd among them) and the services after the AppHost has ended.</summary>
    private static async Task WaitUntilEndedAsync(IReadOnlyCollection<int> run, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<int> left;
        while ((left = RunProcesses.StillRunning(run)).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        if (left.Count > 0)
        {
            Progress.Write($"processes of the run still running {timeout.TotalSeconds:0} s after the AppHost ended: {string.Join(", ", left)}");
        }
    }

    /// <summary>The AppHost's process, and a clock started with it.</summary>
    private static (Process AppHost, Stopwatch Started) StartAppHost(AppHostPorts ports, IReadOnlyDictionary<string, string> environment)
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
        var settings = ports.Settings();
        settings["AppHost__DataDirectory"] = data;
        settings["AppHost__DemoCatalog"] = "";
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in settings.Concat(environment))
        {
            start.Environment[name] = value;
        }

        var started = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new BenchException("could not start the AppHost");
        process.OutputDataReceived += (_, e) => Progress.Verbose(e.Data);
        process.ErrorDataReceived += (_, e) => Progress.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Progress.Write($"AppHost started (front door {ports.FrontDoor}, dashboard {ports.Dashboard}, data {data})");
        return (process, started);
    }

    private async Task WaitReadyAsync(TimeSpan timeout, Stopwatch started)
    {
        using var probe = new HttpClient { BaseAddress = FrontDoor, Timeout = TimeSpan.FromSeconds(5) };
        while (started.Elapsed < timeout)
        {
            if (_appHost is { HasExited: true })
            {
                throw new BenchException($"the AppHost exited with code {_appHost.ExitCode} before the front door was ready");
            }

            try
            {
                using var response = await probe.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new BenchException($"the front door {FrontDoor} did not answer /health with 200 within {timeout.TotalSeconds:0} s");
    }
}
