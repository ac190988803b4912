using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Portal.ServiceDefaults.BackgroundLoops;
using Portal.Testing;
using Xunit;

namespace Portal.ServiceDefaults.Tests;

/// <summary>What readiness and liveness say about a loop that stopped, hangs or keeps failing.</summary>
public sealed class BackgroundLoopMonitorTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-06T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task A_loop_that_ended_by_an_exception_is_unhealthy_on_both_probes_with_the_exception()
    {
        using var host = Build(services => services.AddHostedService<ThrowingLoop>());
        await host.StartAsync();

        // The loop ends on a thread-pool thread of its own: on a loaded machine that can take longer than any fixed wait.
        var (ready, live) = await Eventually.GetAsync(() => CheckAsync(host), probes => probes.Live.Status == HealthStatus.Unhealthy,
            TimeSpan.FromSeconds(10), "the loop's end recorded", probes => probes.Live.Description ?? "");
        Assert.Equal(HealthStatus.Unhealthy, ready.Status);
        Assert.Equal(HealthStatus.Unhealthy, live.Status);
        Assert.Equal("throwing: stopped with InvalidOperationException: the claim query broke", live.Description);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_failing_loop_turns_readiness_unhealthy_after_its_interval_and_a_hung_one_liveness_too()
    {
        using var host = Build(_ => { }, new() { ["BackgroundLoops:probe:ExpectedInterval"] = "00:00:30" });
        var heartbeat = host.Services.GetRequiredService<BackgroundLoopMonitor>().Track("probe");

        _time.Advance(TimeSpan.FromSeconds(20));
        heartbeat.Failed("connection refused");
        var (ready, live) = await CheckAsync(host);
        Assert.Equal(HealthStatus.Healthy, ready.Status); // one failure within the interval is a retry, not an outage

        _time.Advance(TimeSpan.FromSeconds(20));
        heartbeat.Failed("connection refused");
        (ready, live) = await CheckAsync(host);
        Assert.Equal(HealthStatus.Unhealthy, ready.Status);
        Assert.Equal("probe: no successful round since 2026-12-06T12:00:00Z (expected within 00:00:30); last error: connection refused", ready.Description);
        Assert.Equal(HealthStatus.Healthy, live.Status);

        _time.Advance(TimeSpan.FromSeconds(31)); // no report at all: it hangs
        (_, live) = await CheckAsync(host);
        Assert.Equal(HealthStatus.Unhealthy, live.Status);
        Assert.StartsWith("probe: no report since 2026-12-06T12:00:40Z", live.Description, StringComparison.Ordinal);

        heartbeat.Alive();
        (ready, live) = await CheckAsync(host);
        Assert.Equal(HealthStatus.Healthy, ready.Status);
        Assert.Equal(HealthStatus.Healthy, live.Status);
    }

    private IHost Build(Action<IServiceCollection> configure, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.Configure<HostOptions>(options => options.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        builder.Services.AddBackgroundLoopHealth();
        configure(builder.Services);
        return builder.Build();
    }

    private static async Task<(HealthReportEntry Ready, HealthReportEntry Live)> CheckAsync(IHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return (report.Entries["background-loops"], report.Entries["background-loops-alive"]);
    }

    private sealed class ThrowingLoop(BackgroundLoopMonitor loops) : BackgroundLoop(loops, "throwing")
    {
        protected override async Task RunAsync(CancellationToken stoppingToken)
        {
            Heartbeat.Alive();
            await Task.Yield();
            throw new InvalidOperationException("the claim query broke");
        }
    }
}
