namespace Portal.ServiceDefaults.BackgroundLoops;

/// <summary>
/// What one background loop last said about itself: alive at a time, failing with an exception since a time, or
/// stopped. Written by the loop, read by the health checks; every field is replaced as a whole, so no lock is needed.
/// </summary>
public sealed class LoopHeartbeat
{
    private readonly TimeProvider _time;
    private volatile LoopReport _report;

    internal LoopHeartbeat(string name, TimeSpan defaultInterval, TimeProvider time)
    {
        Name = name;
        DefaultInterval = defaultInterval;
        _time = time;
        var now = time.GetUtcNow();
        _report = new LoopReport(Started: now, LastReport: now, LastSuccess: now, LastError: null, Stopped: null);
    }

    public string Name { get; }

    internal TimeSpan DefaultInterval { get; }

    internal LoopReport Report => _report;

    /// <summary>A round finished (or the loop is waiting for work as it should).</summary>
    public void Alive()
    {
        var now = _time.GetUtcNow();
        _report = _report with { LastReport = now, LastSuccess = now, LastError = null };
    }

    /// <summary>A round failed and the loop will try again.</summary>
    public void Failed(Exception exception) => Failed($"{exception.GetType().Name}: {exception.Message}");

    /// <summary>A round failed for <paramref name="reason"/> and the loop will try again.</summary>
    public void Failed(string reason) => _report = _report with { LastReport = _time.GetUtcNow(), LastError = reason };

    /// <summary>The loop ended while the service was still meant to run it (an exception it did not handle, or a return).</summary>
    internal void Died(string reason) => _report = _report with { Stopped = reason };
}

internal sealed record LoopReport(
    DateTimeOffset Started, DateTimeOffset LastReport, DateTimeOffset LastSuccess, string? LastError, string? Stopped);
