using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Portal.ServiceDefaults.BackgroundLoops;

/// <summary>Every background loop of this process, by name, with the interval each is expected to report within.</summary>
public sealed class BackgroundLoopMonitor(TimeProvider time, IOptionsMonitor<BackgroundLoopOptions> options)
{
    /// <summary>For loops that poll every few seconds: long enough for a slow round, short enough to notice a stuck one.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, LoopHeartbeat> _loops = new(StringComparer.Ordinal);

    internal TimeProvider Time => time;

    /// <summary>The heartbeat of the loop called <paramref name="name"/>; one per name, shared by loops that give the same name.</summary>
    public LoopHeartbeat Track(string name, TimeSpan? defaultInterval = null) =>
        _loops.GetOrAdd(name, key => new LoopHeartbeat(key, defaultInterval ?? DefaultInterval, time));

    internal IEnumerable<LoopHeartbeat> Loops => _loops.Values.OrderBy(loop => loop.Name, StringComparer.Ordinal);

    internal TimeSpan ExpectedInterval(LoopHeartbeat loop) => options.Get(loop.Name).ExpectedInterval ?? loop.DefaultInterval;
}
