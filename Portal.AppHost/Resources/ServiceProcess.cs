using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Portal.AppHost.Resources;

/// <summary>
/// Runs one service as a child process (<c>dotnet Service.dll</c>), captures its console into the resource's log,
/// restarts it with backoff when it exits on its own, and stops it with SIGTERM (then SIGKILL) when asked.
/// </summary>
public sealed partial class ServiceProcess(ServiceDefinition definition, string assemblyPath, Resource resource, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Process? _process;
    private Task? _supervisor;

    public void Start() => _supervisor = Task.Run(SuperviseAsync);

    /// <summary>From now on an exit is expected (the AppHost is shutting down, and Ctrl+C reached the child too).</summary>
    public void MarkStopping() => _stopping.Cancel();

    private async Task SuperviseAsync()
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!_stopping.IsCancellationRequested)
        {
            var startedAt = DateTime.UtcNow;
            _process = Launch();
            await _process.WaitForExitAsync(CancellationToken.None);
            if (_stopping.IsCancellationRequested)
            {
                break;
            }

            resource.Restarts++;
            resource.State = ResourceState.Restarting;
            resource.Message = $"exited with code {_process.ExitCode}; restarting";
            logger.LogWarning("{Service} exited with code {Code}; restarting in {Delay}s", definition.Name, _process.ExitCode, backoff.TotalSeconds);
            backoff = DateTime.UtcNow - startedAt > TimeSpan.FromMinutes(1) ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(Math.Min(30, backoff.TotalSeconds * 2));
            try
            {
                await Task.Delay(backoff, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        resource.State = ResourceState.Stopped;
        resource.Pid = null;
    }

    private Process Launch()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = definition.ProjectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assemblyPath);
        foreach (var (key, value) in definition.Environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Capture(line.Data);
        process.ErrorDataReceived += (_, line) => Capture(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        resource.Pid = process.Id;
        resource.State = ResourceState.Running;
        return process;
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        resource.AppendLog(line);
        if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal) || line.StartsWith("error:", StringComparison.Ordinal))
        {
            logger.LogWarning("[{Service}] {Line}", definition.Name, line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_process is { HasExited: false } process)
        {
            _ = SendSignal(process.Id, SigTerm);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        if (_supervisor is not null)
        {
            await _supervisor;
        }

        _stopping.Dispose();
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
