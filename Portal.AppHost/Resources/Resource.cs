using System.Collections.Concurrent;

namespace Portal.AppHost.Resources;

/// <summary>One thing the AppHost runs (a server or a service), with what the dashboard shows of it.</summary>
public sealed class Resource(string name, string type)
{
    private const int LogLines = 500;
    private readonly ConcurrentQueue<string> _log = new();

    public string Name { get; } = name;

    public string Type { get; } = type;

    public ResourceState State { get; set; } = ResourceState.NotStarted;

    public string? Health { get; set; }

    public List<string> Endpoints { get; } = [];

    public int Restarts { get; set; }

    public int? Pid { get; set; }

    public string? Message { get; set; }

    public void AppendLog(string line)
    {
        _log.Enqueue(line);
        while (_log.Count > LogLines && _log.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<string> LogTail(int lines) => _log.TakeLast(lines).ToList();
}
