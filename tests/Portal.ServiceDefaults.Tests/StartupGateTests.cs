using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Portal.ServiceDefaults.Startup;
using Portal.Testing;
using Xunit;

namespace Portal.ServiceDefaults.Tests;

/// <summary>
/// A service whose start-up task fails (its database not there yet, in real life) on the real RabbitMQ: it is alive,
/// not ready and says why, answers 503 instead of doing work it cannot do, holds the messages it receives instead of
/// failing them, and once the task succeeds on a retry it serves and consumes what it held.
/// </summary>
public sealed class StartupGateTests(RabbitMqVirtualHost broker) : IClassFixture<RabbitMqVirtualHost>
{
    [Fact]
    public async Task Until_its_start_up_task_succeeds_a_service_is_alive_unready_refuses_requests_and_holds_its_messages()
    {
        var task = new BlockedTask();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["ConnectionStrings:messaging"] = broker.ConnectionString;
        builder.AddServiceDefaults();
        builder.Services.AddStartupTask(_ => task);
        builder.Services.AddSingleton<ConcurrentQueue<GateProbed>>();
        builder.AddMessaging("gate-probe", bus => bus.AddConsumer<GateProbedConsumer>());
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/api/probe", () => "done");
        await app.StartAsync();
        using var http = new HttpClient
        {
            BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
        };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);
        var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var startup = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("startup");
        Assert.Contains("the probe's task failed: the probe's database is not there yet", startup.GetProperty("description").GetString(), StringComparison.Ordinal);
        var refused = await http.GetAsync("/api/probe");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("is starting", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var received = app.Services.GetRequiredService<ConcurrentQueue<GateProbed>>();
        // Once the consumer's queue is bound, so the message reaches it.
        var bus = app.Services.GetRequiredService<IBusControl>();
        await Eventually.GetAsync(() => Task.FromResult(bus.CheckHealth().Status), status => status == BusHealthStatus.Healthy,
            TimeSpan.FromSeconds(30), "the bus and its receive endpoint started");
        await Eventually.GetAsync(() => PublishAsync(app), published => published, TimeSpan.FromSeconds(30), "a message published to the service");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(received);
        Assert.True(task.Attempts >= 2, $"the task was tried {task.Attempts} time(s)");

        task.Release();
        await Eventually.GetAsync(() => http.GetAsync("/health"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(40), "ready once the task succeeds");
        Assert.Equal("done", await http.GetStringAsync("/api/probe"));
        await Eventually.GetAsync(() => Task.FromResult(received.Count), count => count == 1, TimeSpan.FromSeconds(20), "the held message consumed");
    }

    private static async Task<bool> PublishAsync(WebApplication app)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.Services.GetRequiredService<IPublishEndpoint>().Publish(new GateProbed(Guid.NewGuid()), timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is OperationCanceledException or MassTransitException)
        {
            return false;
        }
    }

    private sealed class BlockedTask : IStartupTask
    {
        private volatile bool _released;
        private int _attempts;

        public string Name => "the probe's task";

        public int Attempts => _attempts;

        public void Release() => _released = true;

        public Task RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            return _released ? Task.CompletedTask : throw new InvalidOperationException("the probe's database is not there yet");
        }
    }
}

public sealed record GateProbed(Guid Id);

public sealed class GateProbedConsumer(ConcurrentQueue<GateProbed> received) : IConsumer<GateProbed>
{
    public Task Consume(ConsumeContext<GateProbed> context)
    {
        received.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}
