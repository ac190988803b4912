using System.Globalization;

namespace Portal.LocalServers;

/// <summary>
/// The Erlang port mapper daemon (port 4369): the first Erlang node on a machine starts it and it outlives every node.
/// A node of ours that had to start it writes its PID to a marker file, so that stopping that node can stop epmd too
/// once no node is registered with it any more. An epmd that was running before is never touched.
/// </summary>
internal static class Epmd
{
    public const int Port = 4369;

    public static Task<bool> IsRunningAsync(CancellationToken cancellationToken) => LoopbackPorts.IsAnsweringAsync(Port, cancellationToken);

    /// <summary>The PIDs of every epmd process now (taken before our node starts, to tell which epmd it started).</summary>
    public static IReadOnlySet<int> ProcessIds() => FindPids().ToHashSet();

    /// <summary>Records the epmd that appeared since <paramref name="before"/> as ours.</summary>
    public static async Task RecordStartedByUsAsync(string markerPath, IReadOnlySet<int> before, CancellationToken cancellationToken)
    {
        if (FindPids().Where(pid => !before.Contains(pid)).ToList() is [var pid])
        {
            await File.WriteAllTextAsync(markerPath, pid.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }
    }

    /// <summary>Stops the epmd recorded in the marker when it still runs and serves no node.</summary>
    public static async Task StopIfOursAndIdleAsync(string markerPath)
    {
        if (!File.Exists(markerPath))
        {
            return;
        }

        var recorded = int.TryParse(await File.ReadAllTextAsync(markerPath), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : -1;
        if (FindPids().Contains(recorded))
        {
            var names = await ExternalCommand.RunAsync("epmd", ["-names"], CancellationToken.None);
            if (names.Succeeded && !names.OutputLines.Any(line => line.StartsWith("name ", StringComparison.Ordinal)))
            {
                await ExternalCommand.RunAsync("epmd", ["-kill"], CancellationToken.None);
            }
            else
            {
                return; // another node uses it: keep the marker, so the last of ours to stop can stop epmd
            }
        }

        File.Delete(markerPath);
    }

    private static IEnumerable<int> FindPids()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && ReadComm(directory) == "epmd")
            {
                yield return pid;
            }
        }
    }

    private static string? ReadComm(string processDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(processDirectory, "comm")).Trim();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
