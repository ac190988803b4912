using System.Collections.Concurrent;
using System.Diagnostics;

namespace Portal.Testing;

/// <summary>The spans a <see cref="SpanRecorder"/> saw end while this recording ran.</summary>
public sealed class SpanRecording(Action<SpanRecording> stop) : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();

    internal void Add(Activity span) => _spans.Enqueue(span);

    /// <summary>The recorded spans of one trace.</summary>
    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) => _spans.Where(span => span.TraceId == traceId).ToList();

    /// <summary>Waits until at least <paramref name="count"/> recorded spans match; returns every match.</summary>
    public async Task<IReadOnlyList<Activity>> WaitForAsync(Func<Activity, bool> match, string what, int count = 1) =>
        await Eventually.GetAsync(
            () => Task.FromResult(new Matches(_spans.Where(match))),
            spans => spans.Count >= count,
            TimeSpan.FromSeconds(30),
            $"{count} span(s): {what}");

    public void Dispose() => stop(this);

    private sealed class Matches(IEnumerable<Activity> spans) : List<Activity>(spans)
    {
        public override string ToString() => $"{Count} matching span(s)";
    }
}
