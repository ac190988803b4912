using System.Globalization;

namespace Portal.AppHost.Processes;

/// <summary>
/// A file listing this AppHost's child processes and the servers it owns, rewritten as they change and deleted on a
/// clean exit. When the AppHost was killed hard, the next run finds it: it stops the children left behind, and treats
/// the servers the killed run had started as its own (it reuses them and stops them at exit).
/// Lines: <c>child NAME PID STARTTIME</c> and <c>server NAME</c>.
/// </summary>
public sealed class RunRecord
{
    private readonly string _path;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ProcessIdentity> _children = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ownedServers = new(StringComparer.Ordinal);

    private RunRecord(string path, IReadOnlyList<(string Name, ProcessIdentity Process)> leftoverChildren, IReadOnlySet<string> previouslyOwnedServers)
    {
        _path = path;
        LeftoverChildren = leftoverChildren;
        PreviouslyOwnedServers = previouslyOwnedServers;
    }

    /// <summary>Children a previous run recorded that still run.</summary>
    public IReadOnlyList<(string Name, ProcessIdentity Process)> LeftoverChildren { get; }

    /// <summary>Servers a previous run had started and not stopped.</summary>
    public IReadOnlySet<string> PreviouslyOwnedServers { get; }

    public static RunRecord Open(string path)
    {
        var children = new List<(string, ProcessIdentity)>();
        var servers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.Exists(path) ? File.ReadAllLines(path) : [])
        {
            switch (line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                case ["child", var name, var pid, var start]
                    when int.TryParse(pid, CultureInfo.InvariantCulture, out var id) && long.TryParse(start, CultureInfo.InvariantCulture, out var ticks):
                    var process = new ProcessIdentity(id, ticks);
                    if (process.IsAlive)
                    {
                        children.Add((name, process));
                    }

                    break;
                case ["server", var name]:
                    servers.Add(name);
                    break;
            }
        }

        return new RunRecord(path, children, servers);
    }

    public void AddChild(string name, ProcessIdentity process) => Change(() => _children[name] = process);

    public void RemoveChild(string name) => Change(() => _children.Remove(name));

    public void AddOwnedServer(string name) => Change(() => _ownedServers.Add(name));

    public void RemoveOwnedServer(string name) => Change(() => _ownedServers.Remove(name));

    /// <summary>Keeps the servers a previous run owned on record until this run has dealt with them.</summary>
    public void CarryOverServers() => Change(() => _ownedServers.UnionWith(PreviouslyOwnedServers));

    /// <summary>At exit: deletes the file when it lists nothing more (else a server that did not stop stays on record).</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_children.Count == 0 && _ownedServers.Count == 0)
            {
                File.Delete(_path);
            }
        }
    }

    private void Change(Action change)
    {
        lock (_gate)
        {
            change();
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var lines = _children.Select(c => string.Create(CultureInfo.InvariantCulture, $"child {c.Key} {c.Value.Pid} {c.Value.StartTime}"))
                .Concat(_ownedServers.Select(s => $"server {s}"));
            var temporary = _path + ".tmp";
            File.WriteAllLines(temporary, lines);
            File.Move(temporary, _path, overwrite: true);
        }
    }
}
