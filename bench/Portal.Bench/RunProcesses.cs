using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Bench;

/// <summary>
/// Every process of one AppHost run, from <c>/proc</c>: the AppHost and its children, and DCP, which detaches from the
/// AppHost (it names the AppHost in <c>--monitor</c>) and runs the dashboard, PostgreSQL, RabbitMQ and the node's own
/// epmd, one <c>dotnet run</c> per service and a monitor per resource. Portal's own share is the services' processes and
/// the PostgreSQL and RabbitMQ servers with epmd (and the scripts that run them in the foreground); the rest is Aspire's
/// (AppHost, DCP, dashboard, monitors, <c>dotnet run</c> wrappers).
/// </summary>
public sealed partial class RunProcesses
{
    /// <summary>Each resource's service process by its executable's name (the name <c>ps</c> shows).</summary>
    private static readonly Dictionary<string, string> ServiceExecutables = new(StringComparer.Ordinal)
    {
        ["catalog"] = "Catalog.Api",
        ["docs"] = "Docs.Api",
        ["search"] = "Search.Api",
        ["scaffolder"] = "Scaffolder.Api",
        ["identity"] = "Identity.Api",
        ["scorecards"] = "Scorecards.Api",
        ["web"] = "Portal.Web",
    };

    /// <summary>What DCP runs for the servers: the AppHost's PostgreSQL script, RabbitMQ's own start script, the node's epmd.</summary>
    private static readonly string[] ServerCommands = ["/Servers/run-postgres.sh", "/rabbitmq/bin/rabbitmq-server", "/erlang/bin/epmd"];

    private readonly IReadOnlyList<ProcessEntry> _run;
    private readonly HashSet<int> _portal;

    private RunProcesses(IReadOnlyList<ProcessEntry> run, HashSet<int> portal)
    {
        _run = run;
        _portal = portal;
    }

    public IReadOnlyCollection<int> Pids => [.. _run.Select(p => p.Pid)];

    /// <summary>The run of the AppHost <paramref name="appHostPid"/>.</summary>
    public static RunProcesses Of(int appHostPid)
    {
        var all = ProcessEntry.ReadAll();
        var roots = all.Where(p => p.Pid == appHostPid || IsDcpMonitoring(p, appHostPid)).Select(p => p.Pid);
        var run = Descendants(roots, all).ToDictionary(p => p.Pid);
        var portalRoots = run.Values.Where(p => ServiceExecutables.ContainsValue(p.Name) || ServerCommands.Any(p.CommandLine.Contains))
            .Select(p => p.Pid);
        var portal = Descendants(portalRoots, all).Select(p => p.Pid).Where(run.ContainsKey).ToHashSet();
        return new RunProcesses([.. run.Values], portal);
    }

    /// <summary>The AppHost whose run the process <paramref name="pid"/> belongs to: the pid its DCP ancestor monitors.</summary>
    public static int? AppHostOf(int pid)
    {
        var all = ProcessEntry.ReadAll().ToDictionary(p => p.Pid);
        for (var current = all.GetValueOrDefault(pid); current is not null; current = all.GetValueOrDefault(current.ParentPid))
        {
            if (current.Pid == current.ParentPid)
            {
                break;
            }

            if (IsDcpApiServer(current) && MonitorArgument().Match(current.CommandLine) is { Success: true } monitor)
            {
                return int.Parse(monitor.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>The process listening on 127.0.0.1:<paramref name="port"/>, from <c>ss -ltnp</c>.</summary>
    public static async Task<int?> ListeningOnAsync(int port)
    {
        using var ss = Process.Start(new ProcessStartInfo("ss", ["-Hltnp", $"sport = :{port.ToString(CultureInfo.InvariantCulture)}"]) { RedirectStandardOutput = true })
            ?? throw new BenchException("could not run ss");
        var output = await ss.StandardOutput.ReadToEndAsync();
        await ss.WaitForExitAsync();
        return PidInSs().Match(output) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Resident memory of a resource's service processes (of every replica), in MB.</summary>
    public double ServiceRssMegabytes(string service)
    {
        var executable = ServiceExecutables.GetValueOrDefault(service) ?? throw new BenchException($"no service is named {service}");
        var processes = _run.Where(p => p.Name == executable).ToList();
        return processes.Count > 0
            ? Megabytes(processes)
            : throw new BenchException($"the run has no {executable} process");
    }

    /// <summary>
    /// The address the front door calls a service at, from the front door's environment (Aspire's service discovery
    /// variable <c>services__{service}__http__0</c>): with replicas, DCP's proxy in front of them.
    /// </summary>
    public Uri ServiceAddressAsTheFrontDoorSeesIt(string service)
    {
        var frontDoor = _run.FirstOrDefault(p => p.Name == ServiceExecutables["web"])
            ?? throw new BenchException("the run has no front door process");
        var variable = $"services__{service}__http__0=";
        var value = File.ReadAllText($"/proc/{frontDoor.Pid}/environ").Split('\0')
            .FirstOrDefault(entry => entry.StartsWith(variable, StringComparison.Ordinal))?[variable.Length..];
        return value is not null
            ? new Uri(value.Replace("://localhost:", "://127.0.0.1:", StringComparison.Ordinal))
            : throw new BenchException($"the front door's environment has no {variable.TrimEnd('=')}");
    }

    /// <summary>Every process of the run.</summary>
    public double RunRssMegabytes => Megabytes(_run);

    /// <summary>The services, PostgreSQL and RabbitMQ.</summary>
    public double PortalRssMegabytes => Megabytes(_run.Where(p => _portal.Contains(p.Pid)));

    /// <summary>Aspire's processes: the AppHost, DCP, the dashboard, resource monitors and <c>dotnet run</c> wrappers.</summary>
    public double AspireRssMegabytes => Megabytes(_run.Where(p => !_portal.Contains(p.Pid)));

    /// <summary>The pids of <paramref name="pids"/> still alive.</summary>
    public static IReadOnlyList<int> StillRunning(IEnumerable<int> pids) => [.. pids.Where(pid => Directory.Exists($"/proc/{pid}") && ProcessEntry.Read(pid) is { RssKilobytes: > 0 })];

    private static double Megabytes(IEnumerable<ProcessEntry> processes) => Math.Round(processes.Sum(p => p.RssKilobytes) / 1024.0, 1);

    private static bool IsDcpApiServer(ProcessEntry process) =>
        process.Name == "dcp" && process.CommandLine.Contains(" start-apiserver", StringComparison.Ordinal);

    private static bool IsDcpMonitoring(ProcessEntry process, int appHostPid) =>
        IsDcpApiServer(process) && MonitorArgument().Match(process.CommandLine) is { Success: true } monitor
        && monitor.Groups[1].Value == appHostPid.ToString(CultureInfo.InvariantCulture);

    /// <summary>The processes <paramref name="roots"/> and everything they started, as far as it still runs.</summary>
    private static List<ProcessEntry> Descendants(IEnumerable<int> roots, IReadOnlyList<ProcessEntry> all)
    {
        var byPid = all.ToDictionary(p => p.Pid);
        var children = all.ToLookup(p => p.ParentPid);
        var pending = new Stack<int>(roots);
        var found = new Dictionary<int, ProcessEntry>();
        while (pending.TryPop(out var pid))
        {
            if (found.ContainsKey(pid) || !byPid.TryGetValue(pid, out var process))
            {
                continue;
            }

            found[pid] = process;
            foreach (var child in children[pid])
            {
                pending.Push(child.Pid);
            }
        }

        return [.. found.Values];
    }

    [GeneratedRegex(@"--monitor (\d+)")]
    private static partial Regex MonitorArgument();

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex PidInSs();
}
