using System.Diagnostics;
using Npgsql;

namespace Portal.Drills.Tests;

/// <summary>
/// Where the time goes after an outage: sampled every second from the moment the broker is back, the catalog's outbox
/// rows still unpublished, the consumers on search's queue of <c>EntityRegistered</c> and what waits in it, and what
/// search finds. Its figures say when each stage was done, in seconds after the broker came back.
/// </summary>
public sealed class CatchUpTimeline(PortalRun portal, Func<Task<int>> searchCount) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new(); // not disposed: Start may never have run, and it holds no timer
    private readonly List<Sample> _samples = [];
    private Task? _sampling;

    public void Start() => _sampling = SampleAsync(Stopwatch.StartNew());

    public async ValueTask DisposeAsync()
    {
        if (_sampling is { } sampling)
        {
            _sampling = null;
            await _stop.CancelAsync();
            await sampling;
        }
    }

    /// <summary>Stops sampling; the figures, and every sample as text for the test's output.</summary>
    public async Task<(Dictionary<string, object> Figures, string Samples)> StopAsync(int expected)
    {
        await DisposeAsync();
        var figures = new Dictionary<string, object>
        {
            ["outboxEmptySeconds"] = First(s => s.Outbox == 0),
            ["searchConsumersBackSeconds"] = First(s => s.Consumers > 0),
            ["firstIndexedSeconds"] = First(s => s.Found > _samples[0].Found),
            ["allIndexedSeconds"] = First(s => s.Found >= expected),
        };
        return (figures, string.Join("\n", _samples.Select(s => s.ToString())));
    }

    private double First(Func<Sample, bool> condition) => _samples.FirstOrDefault(condition)?.Seconds ?? -1;

    private async Task SampleAsync(Stopwatch since)
    {
        var broker = new BrokerMessages(portal.BrokerManagement);
        var catalogdb = portal.DatabaseConnectionString("catalogdb");
        while (!_stop.IsCancellationRequested)
        {
            var at = Math.Round(since.Elapsed.TotalSeconds, 1);
            var outbox = await OutboxRowsAsync(catalogdb);
            var (consumers, waiting) = await SearchQueueAsync(broker);
            var found = await Safely(searchCount);
            _samples.Add(new Sample(at, outbox, consumers, waiting, found));
            try
            {
                await Task.Delay(1000, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<long> OutboxRowsAsync(string connectionString) => await Safely(async () =>
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    });

    private static async Task<(long Consumers, long Waiting)> SearchQueueAsync(BrokerMessages broker)
    {
        try
        {
            var queue = (await broker.QueuesAsync()).FirstOrDefault(q => q.Name.StartsWith("search", StringComparison.Ordinal)
                                                                          && q.Name.EndsWith("entity-registered", StringComparison.Ordinal));
            return queue is null ? (-1, -1) : (queue.Consumers, queue.Ready + queue.Unacknowledged);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or Portal.LocalServers.LocalServerException)
        {
            return (-1, -1);
        }
    }

    private static async Task<T> Safely<T>(Func<Task<T>> read) where T : struct, System.Numerics.INumber<T>
    {
        try
        {
            return await read();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or NpgsqlException)
        {
            return -T.One;
        }
    }

    private sealed record Sample(double Seconds, long Outbox, long Consumers, long Waiting, int Found)
    {
        public override string ToString() => $"{Seconds,6}s outbox {Outbox,5} search consumers {Consumers} waiting {Waiting,5} found {Found,5}";
    }
}
