using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Docs.Api.Telemetry;

/// <summary>Traces and metrics of the docs service (ServiceDefaults subscribes to every <c>Portal*</c> source and meter).</summary>
public static class DocsTelemetry
{
    public const string Name = "Portal.Docs";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Builds = Meter.CreateCounter<long>("portal.docs.builds", description: "Docs builds finished, by outcome");

    public static readonly Counter<long> PagesBuilt = Meter.CreateCounter<long>("portal.docs.pages_built", description: "Pages rendered by successful builds");

    public static readonly Histogram<double> BuildDuration = Meter.CreateHistogram<double>("portal.docs.build.duration", "s", "Time from claiming a build to its outcome");
}
