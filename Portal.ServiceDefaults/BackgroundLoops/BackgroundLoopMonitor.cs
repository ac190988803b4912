using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Portal.ServiceDefaults.Startup;

namespace Portal.ServiceDefaults.BackgroundLoops;

/// <summary>Every background loop of this process, by name, with the interval each is expected to report within.</summary>
/// <remarks>With the service defaults, loops start once the <see cref="StartupGate"/> opens; without them (a library's own
/// tests) there is no gate and loops start at once.</remarks>
public sealed class BackgroundLoopMonitor(TimeProvider time, IOptionsMonitor<BackgroundLoopOptions> options, StartupGate? gate = null)
{
    /// <summary>For loops that poll every few seconds: long enough for a slow round, short enough to notice a stuck one.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, LoopHeartbeat> _loops = new(StringComparer.Ordinal);

    internal TimeProvider Time => time;

    /// <summary>False until the service's start-up tasks have run: the loops wait, and their health is not judged yet.</summary>
    internal bool Started => gate is not { IsOpen: false };

    internal Task WhenStartedAsync(CancellationToken cancellationToken) => gate?.WhenOpenAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>The heartbeat of the loop called <paramref name="name"/>; one per name, shared by loops that give the same name.</summary>
    public LoopHeartbeat Track(string name, TimeSpan? defaultInterval = null) =>
        _loops.GetOrAdd(name, key => new LoopHeartbeat(key, defaultInterval ?? DefaultInterval, time));

    internal IEnumerable<LoopHeartbeat> Loops => _loops.Values.OrderBy(loop => loop.Name, StringComparer.Ordinal);

    internal TimeSpan ExpectedInterval(LoopHeartbeat loop) => options.Get(loop.Name).ExpectedInterval ?? loop.DefaultInterval;
}
