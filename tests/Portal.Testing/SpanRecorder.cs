using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Portal.Testing;

/// <summary>
/// Records the spans a service under test ends, as one more processor of the service's own tracer provider: a span
/// shows up only when the service's telemetry set-up listens to its source, as it would reach an exporter. Records
/// nothing until a test starts a <see cref="SpanRecording"/>. Activity sources are static, so the spans of every service
/// in the test process show up: tests pick theirs by trace.
/// </summary>
public sealed class SpanRecorder : BaseProcessor<Activity>
{
    private SpanRecording? _recording;

    /// <summary>Adds the recorder to the tracer provider of the service whose services these are.</summary>
    public void AddTo(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(this));

    /// <summary>Records from now until the recording is disposed.</summary>
    public SpanRecording Start()
    {
        var recording = new SpanRecording(stop: self => Interlocked.CompareExchange(ref _recording, null, self));
        Volatile.Write(ref _recording, recording);
        return recording;
    }

    public override void OnEnd(Activity data) => Volatile.Read(ref _recording)?.Add(data);

    /// <summary>
    /// A sampled span of a caller outside the service (the front door, another service), made current: requests and
    /// messages sent inside it belong to its trace.
    /// </summary>
    public static Activity StartCaller(string name)
    {
        var caller = new Activity(name);
        caller.SetIdFormat(ActivityIdFormat.W3C);
        caller.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        return caller.Start();
    }
}
