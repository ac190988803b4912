using System.Diagnostics;

namespace Portal.Bench;

/// <summary>
/// Clients that each send their next request as soon as the last one is answered, for a fixed time, as users and
/// scripts of a shared portal do: throughput, latency per kind of request and the requests that failed. The clients
/// run in this process, on the same cores as the portal.
/// </summary>
public sealed class ConcurrentLoad
{
    private readonly Dictionary<string, List<double>> _samples = [];

    public int Requests { get; private set; }

    public int Errors { get; private set; }

    public double Seconds { get; private set; }

    public double RequestsPerSecond => Math.Round(Requests / Seconds, 0);

    /// <summary>
    /// Runs <paramref name="clients"/> clients for <paramref name="warmUp"/> unmeasured, then for
    /// <paramref name="duration"/> measured. <paramref name="request"/> gets the client's number and its request count
    /// and returns the kind of request it sent and whether it was answered as expected.
    /// </summary>
    public static async Task<ConcurrentLoad> RunAsync(
        int clients, TimeSpan warmUp, TimeSpan duration, Func<int, int, Task<(string Kind, bool Ok)>> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await RunClientsAsync(clients, warmUp, request);
        var load = new ConcurrentLoad();
        var started = Stopwatch.GetTimestamp();
        var timings = await RunClientsAsync(clients, duration, request);
        load.Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        foreach (var client in timings)
        {
            foreach (var (kind, milliseconds, ok) in client)
            {
                load.Requests++;
                load.Errors += ok ? 0 : 1;
                if (!load._samples.TryGetValue(kind, out var samples))
                {
                    load._samples[kind] = samples = [];
                }

                samples.Add(milliseconds);
            }
        }

        return load;
    }

    public double Percentile(string kind, double percentile) => Latency.Percentile(_samples[kind], percentile);

    private static async Task<List<(string Kind, double Milliseconds, bool Ok)>[]> RunClientsAsync(
        int clients, TimeSpan duration, Func<int, int, Task<(string Kind, bool Ok)>> request)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var timings = new List<(string, double, bool)>();
            for (var sent = 0; Stopwatch.GetTimestamp() < until; sent++)
            {
                var start = Stopwatch.GetTimestamp();
                (string Kind, bool Ok) answer;
                try
                {
                    answer = await request(client, sent);
                }
                catch (HttpRequestException)
                {
                    answer = ("failed", false);
                }
                catch (TaskCanceledException)
                {
                    answer = ("timed out", false);
                }

                timings.Add((answer.Kind, Stopwatch.GetElapsedTime(start).TotalMilliseconds, answer.Ok));
            }

            return timings;
        })));
    }
}
