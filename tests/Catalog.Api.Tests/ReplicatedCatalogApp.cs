using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Testing;

namespace Catalog.Api.Tests;

/// <summary>The catalog, able to start a second replica on the same database and broker; every replica's log is kept apart.</summary>
public sealed class ReplicatedCatalogApp : CatalogApp
{
    private readonly ConcurrentQueue<ConcurrentQueue<string>> _logs = new();

    /// <summary>The log lines of each replica started so far.</summary>
    public IReadOnlyList<ConcurrentQueue<string>> Logs => [.. _logs];

    /// <summary>Another replica with the first one's settings (a host of its own); it stops with this fixture.</summary>
    public HttpClient StartReplica() => Factory.WithWebHostBuilder(_ => { }).CreateAutomationClient(Identity);

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(_ =>
        {
            var lines = new ConcurrentQueue<string>();
            _logs.Enqueue(lines);
            return new RecordingLoggerProvider(lines);
        });
}
