using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Portal.ServiceDefaults;

/// <summary>
/// Which incoming requests are recorded as traces. Writes (any method but GET, HEAD and OPTIONS) and requests that
/// continue a caller's trace are always recorded, so a registration keeps its one trace across every service. A read
/// that starts a new trace is recorded at most <see cref="ReadsPerSecond"/> times a second per process: exporting the
/// spans of every read to the dashboard cost the catalog's reads a third to a half of their speed under load
/// (docs/benchmarks.md), while an operator looking at reads needs examples, not all of them. Probes are never traced.
/// A read that is not recorded still passes its trace context on, marked as not sampled, so nothing downstream of it
/// is recorded either.
/// </summary>
public sealed class ReadTraceBudget(int readsPerSecond, TimeProvider time)
{
    public const string ReadsPerSecondSetting = "Telemetry:Tracing:ReadsPerSecond";
    public const int DefaultReadsPerSecond = 10;

    private readonly Lock _gate = new();
    private long _second = long.MinValue;
    private int _recorded;

    /// <summary>New read traces recorded per second and process; negative: every read.</summary>
    public int ReadsPerSecond { get; } = readsPerSecond;

    /// <summary>Whether the request's span (and with it the rest of its trace) is recorded.</summary>
    public bool ShouldRecord(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsProbe(context.Request.Path))
        {
            return false;
        }

        if (!IsRead(context.Request.Method) || ContinuesCallersTrace(context))
        {
            return true;
        }

        return TakeRead();
    }

    private bool TakeRead()
    {
        if (ReadsPerSecond < 0)
        {
            return true;
        }

        var second = time.GetTimestamp() / time.TimestampFrequency;
        lock (_gate)
        {
            if (second != _second)
            {
                _second = second;
                _recorded = 0;
            }

            if (_recorded >= ReadsPerSecond)
            {
                return false;
            }

            _recorded++;
            return true;
        }
    }

    // The instrumentation asks before ASP.NET Core has published the request's activity as a feature; it is current.
    private static bool ContinuesCallersTrace(HttpContext context) =>
        (context.Features.Get<IHttpActivityFeature>()?.Activity ?? Activity.Current) is { Parent: null } span
        && span.ParentSpanId != default;

    private static bool IsRead(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");
}
