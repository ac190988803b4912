using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Portal.ServiceDefaults;

public static class TelemetryExtensions
{
    /// <summary>The activity source and meter names Portal's own code uses; every service listens to them.</summary>
    public const string PortalSourceName = "Portal";

    private const string MassTransitSourceName = "MassTransit";

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var readTraces = new ReadTraceBudget(
            builder.Configuration.GetValue(ReadTraceBudget.ReadsPerSecondSetting, ReadTraceBudget.DefaultReadsPerSecond),
            TimeProvider.System);
        builder.Services.AddSingleton(readTraces);

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(MassTransitSourceName, PortalSourceName + "*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(MassTransitSourceName, PortalSourceName + "*")
                .AddAspNetCoreInstrumentation(options => options.Filter = readTraces.ShouldRecord)
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddProcessor<BackgroundQueryFilter>());

        // OTLP export only when an endpoint is configured, as Aspire's service defaults do.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}
