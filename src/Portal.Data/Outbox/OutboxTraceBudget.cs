using System.Collections.Concurrent;
using System.Diagnostics;

namespace Portal.Data.Outbox;

/// <summary>
/// Which published events are recorded in the trace of the operation that wrote them. A registration of 100k entities
/// writes 100k events into one trace; recording every publish, and with it every subscriber's consume and queries, made
/// the telemetry of one bulk registration a large share of the machine's CPU while the subscribers caught up
/// (docs/benchmarks.md). The first <see cref="EventsPerTrace"/> events of a trace that this process publishes are
/// recorded; the rest continue the same trace marked as not sampled, so nothing downstream records them either. An
/// operator still sees the registration's one trace end to end, with examples of every subscriber's work.
/// </summary>
public sealed class OutboxTraceBudget(int eventsPerTrace)
{
    // Traces are forgotten in bulk past this many; a trace that was cut off then gets a fresh budget, which is harmless.
    private const int TracesRemembered = 10_000;

    private readonly ConcurrentDictionary<ActivityTraceId, int> _published = new();

    /// <summary>Events recorded per trace and process; negative: every event.</summary>
    public int EventsPerTrace { get; } = eventsPerTrace;

    /// <summary>The parent of an event's publish span: its writer's context, marked as not sampled once the trace's budget is spent.</summary>
    public ActivityContext ParentOf(string? traceParent)
    {
        if (!ActivityContext.TryParse(traceParent, null, out var parent)
            || EventsPerTrace < 0
            || !parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded))
        {
            return parent;
        }

        if (_published.Count > TracesRemembered)
        {
            _published.Clear();
        }

        var published = _published.AddOrUpdate(parent.TraceId, 1, static (_, count) => count + 1);
        return published <= EventsPerTrace
            ? parent
            : new ActivityContext(parent.TraceId, parent.SpanId, ActivityTraceFlags.None, parent.TraceState, isRemote: true);
    }
}
