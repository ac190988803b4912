using System.Diagnostics;
using Portal.AppHost.Startup;

namespace Portal.AppHost.Processes;

/// <summary>
/// One run of a service: <c>dotnet &lt;Service&gt;.dll</c> in the service's project folder, started through
/// <c>setsid</c> so it leads a session and process group of its own. The terminal's Ctrl+C then reaches only the
/// AppHost, which stops the children itself, and stopping signals the whole group (anything the service started too).
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private const string Setsid = "/usr/bin/setsid";
    private readonly Process _process;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _leadsGroup;
    private readonly Stopwatch _uptime = Stopwatch.StartNew();

    private ChildProcess(Process process, bool leadsGroup)
    {
        _process = process;
        _leadsGroup = leadsGroup;
        _process.Exited += (_, _) => _exited.TrySetResult();
    }

    /// <summary>Kept from the start: the <see cref="Process"/> may be disposed by the time a late stop sweeps its group.</summary>
    public int Pid { get; private set; }

    public TimeSpan Uptime => _uptime.Elapsed;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <param name="service">What to run.</param>
    /// <param name="environment">Variables to set on top of the AppHost's own; a null value removes one.</param>
    /// <param name="onLine">Receives each output line, with true for standard error.</param>
    public static ChildProcess Start(ServiceDefinition service, IReadOnlyDictionary<string, string?> environment, Action<string, bool> onLine)
    {
        var leadsGroup = File.Exists(Setsid);
        var start = new ProcessStartInfo(leadsGroup ? Setsid : DotnetHost.Path)
        {
            WorkingDirectory = service.ProjectDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (leadsGroup)
        {
            start.ArgumentList.Add(DotnetHost.Path);
        }

        start.ArgumentList.Add(service.AssemblyPath);
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onLine(e.Data, false);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onLine(e.Data, true);
            }
        };

        var child = new ChildProcess(process, leadsGroup);
        process.Start();
        child.Pid = process.Id;
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the process to exit, then kills whatever it left in its group; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await _exited.Task;
        Sweep();
        return _process.ExitCode;
    }

    /// <summary>SIGTERM to the group, SIGKILL after <paramref name="grace"/>; returns once the process has exited.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited)
        {
            Sweep();
            return;
        }

        Signal(Signals.Terminate);
        if (await Task.WhenAny(_exited.Task, Task.Delay(grace)) != _exited.Task)
        {
            Signal(Signals.Kill);
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // exited meanwhile
            }

            await Task.WhenAny(_exited.Task, Task.Delay(TimeSpan.FromSeconds(5)));
        }

        Sweep();
    }

    public void Dispose() => _process.Dispose();

    private void Signal(int signal)
    {
        if (!_leadsGroup || !Signals.SendToGroup(Pid, signal))
        {
            Signals.SendToProcess(Pid, signal);
        }
    }

    /// <summary>Kills what is left of the group once its leader has gone (grandchildren it did not stop).</summary>
    private void Sweep()
    {
        if (_leadsGroup)
        {
            Signals.SendToGroup(Pid, Signals.Kill);
        }
    }
}
