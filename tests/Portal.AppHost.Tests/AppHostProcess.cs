using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Portal.AppHost.Tests;

/// <summary>
/// The built AppHost run as its own process, as <c>dotnet run --project Portal.AppHost</c> runs it, with a marker in
/// its environment that every process of the run inherits (DCP, the dashboard, the servers, the services), so a test
/// can find them all, also after the AppHost is gone.
/// </summary>
public sealed class AppHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _marker = "PORTAL_APPHOST_TEST_RUN=" + Guid.NewGuid().ToString("N");

    public AppHostProcess(AppHostPorts ports, params string[] arguments)
    {
        // Through env --default-signal=INT: a test run started in the background inherits SIGINT ignored.
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "Portal.AppHost", "bin", configuration, "net10.0", "Portal.AppHost.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in ports.Settings)
        {
            start.Environment[name] = value;
        }

        var (markerName, markerValue) = (_marker.Split('=')[0], _marker.Split('=')[1]);
        start.Environment[markerName] = markerValue;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
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

    public void Signal(string signal) =>
        Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

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
                Process.GetProcessById(pid).Kill();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                // already gone
            }
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
