using System.Diagnostics;

namespace Portal.LocalServers;

/// <summary>
/// Runs a program to completion with its arguments passed one by one (never through a shell), capturing its output.
/// Programs that leave a daemon behind holding our pipes (rabbitmq-server -detached) do not make us wait for ever:
/// after the program exits its output is read for at most a few seconds more.
/// </summary>
internal static class ExternalCommand
{
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Runs <paramref name="fileName"/>; with <paramref name="asUser"/> it runs through <c>runuser -u USER --</c> (we must
    /// be root). <paramref name="standardInput"/> is written to its stdin (which is then closed).
    /// </summary>
    public static async Task<CommandResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        string? asUser = null,
        string? standardInput = null)
    {
        var start = new ProcessStartInfo(asUser is null ? fileName : "runuser")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asUser is not null)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(asUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(fileName);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        using var process = StartOrExplain(start, fileName);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        var lines = new List<string>();
        var stdout = CollectAsync(process.StandardOutput, lines);
        var stderr = CollectAsync(process.StandardError, lines);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(OutputGrace, CancellationToken.None));
        lock (lines)
        {
            return new CommandResult(process.ExitCode, lines.ToList());
        }
    }

    private static Process StartOrExplain(ProcessStartInfo start, string fileName)
    {
        try
        {
            return Process.Start(start) ?? throw new LocalServerException($"could not start {fileName}");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new LocalServerException($"could not start {start.FileName} ({exception.Message})", exception);
        }
    }

    private static async Task CollectAsync(StreamReader reader, List<string> lines)
    {
        try
        {
            while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // The pipe stayed open past the grace period (a daemon inherited it) and the process was disposed.
        }
    }
}
