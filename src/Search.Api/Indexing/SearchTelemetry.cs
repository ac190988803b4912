using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Search.Api.Indexing;

/// <summary>The search service's traces and metrics (the service defaults subscribe to <c>Portal*</c>).</summary>
public static class SearchTelemetry
{
    public const string Name = "Portal.Search";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Events that changed the index, by event type.</summary>
    public static readonly Counter<long> EventsApplied = Meter.CreateCounter<long>("portal.search.events.applied");

    /// <summary>Events that changed nothing because the index already held that version or a newer one.</summary>
    public static readonly Counter<long> EventsIgnored = Meter.CreateCounter<long>("portal.search.events.ignored");

    public static readonly Histogram<double> QueryDuration = Meter.CreateHistogram<double>("portal.search.query.duration", "ms");

    public static void Count(bool applied, string eventType) => Count(applied ? 1 : 0, applied ? 0 : 1, eventType);

    public static void Count(int applied, int ignored, string eventType)
    {
        var tag = new KeyValuePair<string, object?>("event", eventType);
        if (applied > 0)
        {
            EventsApplied.Add(applied, tag);
        }

        if (ignored > 0)
        {
            EventsIgnored.Add(ignored, tag);
        }
    }
}
