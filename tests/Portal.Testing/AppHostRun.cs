using System.Diagnostics;
using System.Globalization;

namespace Portal.Testing;

/// <summary>
/// The AppHost's build output run as <c>dotnet Portal.AppHost.dll</c>, as <c>dotnet run --project Portal.AppHost</c>
/// runs it, with <see cref="AppHostPorts"/> of its own as settings and a marker in its environment that every process
/// of the run inherits (DCP, the dashboard, the servers, the services), so a test can find them all, also after the
/// AppHost is gone. It starts its own PostgreSQL and RabbitMQ in the ports' data directory.
/// </summary>
public sealed class AppHostRun : IDisposable
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly List<(bool Stderr, string Text)> _lines = [];
    private readonly string _marker = "PORTAL_APPHOST_TEST_RUN=" + Guid.NewGuid().ToString("N");

    private AppHostRun(AppHostPorts ports, IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var root = RepositoryRoot;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var appHost = Path.Combine(root, "Portal.AppHost", "bin", configuration, "net10.0", "Portal.AppHost.dll");
        if (!File.Exists(appHost))
        {
            throw new InvalidOperationException($"{appHost} is missing; build the test project with -c {configuration} first");
        }

        // Through env --default-signal=INT: a test run started in the background inherits SIGINT ignored, and SIGINT must still stop it.
        var start = new ProcessStartInfo("env") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(appHost);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in ports.Settings.Concat(environment))
        {
            start.Environment[name] = value;
        }

        var marker = _marker.Split('=');
        start.Environment[marker[0]] = marker[1];
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, line) => Append(stderr: false, line.Data);
        _process.ErrorDataReceived += (_, line) => Append(stderr: true, line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the AppHost wrote, stdout and stderr as they came.</summary>
    public string Output => Lines(_ => true);

    /// <summary>What the AppHost wrote on stderr: its exit reason, or a resource that cannot start (<c>error: postgres: …</c>).</summary>
    public string Stderr => Lines(line => line.Stderr);

    /// <summary>The last lines the AppHost wrote on stdout (Aspire's own log).</summary>
    public string StdoutTail
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines.Where(line => !line.Stderr).TakeLast(100).Select(line => line.Text));
            }
        }
    }

    public bool ReportedError
    {
        get
        {
            lock (_lines)
            {
                return _lines.Any(line => line.Stderr && line.Text.StartsWith("error:", StringComparison.Ordinal));
            }
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(directory!.FullName, "Portal.sln")))
            {
                directory = directory.Parent;
            }

            return directory.FullName;
        }
    }

    /// <summary>Starts the AppHost on <paramref name="ports"/> with <paramref name="arguments"/>.</summary>
    public static AppHostRun Start(AppHostPorts ports, params string[] arguments) =>
        new(ports, new Dictionary<string, string>(), arguments);

    /// <summary>
    /// Starts the AppHost with an automation secret and a development password of the test's choosing
    /// (<c>PORTAL_AUTOMATION_SECRET</c>, <c>PORTAL_DEV_PASSWORD</c>), and gives the tokens its provider issues for them.
    /// </summary>
    public static AppHostRun StartWithTokens(AppHostPorts ports, out PortalTokens tokens, params string[] arguments) =>
        StartWithTokens(ports, new Dictionary<string, string>(), out tokens, arguments);

    /// <summary>As <see cref="StartWithTokens(AppHostPorts, out PortalTokens, string[])"/>, with <paramref name="environment"/> added (the services inherit it).</summary>
    public static AppHostRun StartWithTokens(
        AppHostPorts ports, IReadOnlyDictionary<string, string> environment, out PortalTokens tokens, params string[] arguments)
    {
        var automationSecret = "automation-" + Guid.NewGuid().ToString("N");
        var devPassword = "dev-" + Guid.NewGuid().ToString("N");
        tokens = new PortalTokens(() => ports.FrontDoorUrl, automationSecret, devPassword);
        return new(ports, new Dictionary<string, string>(environment)
        {
            ["PORTAL_AUTOMATION_SECRET"] = automationSecret,
            ["PORTAL_DEV_PASSWORD"] = devPassword,
        }, arguments);
    }

    /// <summary>Starts the AppHost on <paramref name="ports"/> with <paramref name="environment"/> added to its own (the services inherit it too).</summary>
    public static AppHostRun Start(AppHostPorts ports, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        new(ports, environment, arguments);

    /// <summary>Every live process whose environment carries this run's marker, with its command line.</summary>
    public IReadOnlyList<(int Pid, string CommandLine)> ProcessesOfTheRun()
    {
        var found = new List<(int, string)>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(folder, "environ")).Split('\0').Contains(_marker, StringComparer.Ordinal))
                {
                    found.Add((pid, File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ').Trim()));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // the process ended while we looked
            }
        }

        return found;
    }

    public async Task WaitUntilTheRunHasEndedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (ProcessesOfTheRun().Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
    }

    /// <summary>Sends the AppHost SIG<paramref name="signal"/> (<c>INT</c>, <c>TERM</c>, <c>KILL</c>).</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>
    /// Ctrl+C (SIGINT), up to a minute for the AppHost to end, else its process tree killed; then up to a minute until
    /// every process of the run has ended (DCP stops the servers and services after the AppHost has ended).
    /// </summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            Signal("INT");
            using var timeout = new CancellationTokenSource(StopLimit);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await WaitUntilTheRunHasEndedAsync(StopLimit);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        // Whatever the test left (a failed assertion midway): nothing of the run may outlive it.
        foreach (var (pid, _) in ProcessesOfTheRun())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                // already gone
            }
        }

        _process.Dispose();
    }

    private string Lines(Func<(bool Stderr, string Text), bool> which)
    {
        lock (_lines)
        {
            return string.Join('\n', _lines.Where(which).Select(line => line.Text));
        }
    }

    private void Append(bool stderr, string? text)
    {
        if (text is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add((stderr, text));
        }
    }
}
