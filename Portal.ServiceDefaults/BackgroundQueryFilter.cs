using System.Diagnostics;
using OpenTelemetry;

namespace Portal.ServiceDefaults;

/// <summary>
/// Drops database spans that belong to no trace: the polls of background loops (claiming refreshes, builds and
/// outbox rows every second or so), which would otherwise fill the dashboard with one-span traces and hide the
/// ones an operator looks for. A query made inside a request, a message or a unit of work keeps its span.
/// </summary>
public sealed class BackgroundQueryFilter : BaseProcessor<Activity>
{
    public const string NpgsqlSourceName = "Npgsql";

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Source.Name == NpgsqlSourceName && data.ParentSpanId == default)
        {
            // The exporter's processor that runs after this one exports recorded spans only.
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
