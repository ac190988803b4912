using System.Collections.Concurrent;
using System.Diagnostics;

namespace Portal.Drills.Tests;

/// <summary>
/// Clients reading through the front door as fast as they are answered, each request picked at random from
/// <see cref="Requests"/>: a path, and what its answer must hold (for pages: their content rather than an error panel).
/// API paths (<c>/api/…</c>) go with <paramref name="api"/>'s token, pages with <paramref name="pages"/>' session cookie.
/// An error is an exception, a status other than 2xx or an answer without what it must hold.
/// </summary>
public sealed class ReadLoad(HttpClient api, HttpClient pages, IReadOnlyList<(string Path, string? MustContain)> requests)
{
    public IReadOnlyList<(string Path, string? MustContain)> Requests => requests;

    /// <summary>Runs <paramref name="clients"/> clients for <paramref name="duration"/>; <paramref name="midRun"/> (if any) runs at <paramref name="midRunAt"/>.</summary>
    public async Task<LoadFigures> RunAsync(int clients, TimeSpan duration, Func<Task>? midRun = null, TimeSpan midRunAt = default)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            while (clock.Elapsed < duration)
            {
                var (path, mustContain) = requests[random.Next(requests.Count)];
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await (path.StartsWith("/api/", StringComparison.Ordinal) ? api : pages).GetAsync(path);
                    var body = await response.Content.ReadAsStringAsync();
                    if (!response.IsSuccessStatusCode)
                    {
                        errors.Enqueue($"{clock.Elapsed.TotalSeconds:0.0} s GET {path}: {(int)response.StatusCode} {Truncate(body)}");
                    }
                    else if (mustContain is not null && !body.Contains(mustContain, StringComparison.Ordinal))
                    {
                        errors.Enqueue($"{clock.Elapsed.TotalSeconds:0.0} s GET {path}: 200 without {mustContain}");
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
                {
                    errors.Enqueue($"{clock.Elapsed.TotalSeconds:0.0} s GET {path}: {exception.GetType().Name}: {exception.Message}");
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })).ToList();
        if (midRun is not null)
        {
            workers.Add(Task.Run(async () =>
            {
                await Task.Delay(midRunAt);
                await midRun();
            }));
        }

        await Task.WhenAll(workers);
        var sorted = latencies.Order().ToArray();
        return new LoadFigures(
            sorted.Length,
            [.. errors],
            Math.Round(sorted.Length / clock.Elapsed.TotalSeconds, 1),
            Math.Round(Percentile(sorted, 50), 1),
            Math.Round(Percentile(sorted, 99), 1),
            Math.Round(sorted.Length == 0 ? 0 : sorted[^1], 1));
    }

    private static double Percentile(double[] sorted, double percent) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percent / 100 * sorted.Length) - 1)];

    private static string Truncate(string body) => body.Length <= 300 ? body : body[..300] + "…";
}

/// <summary>What a <see cref="ReadLoad"/> run measured.</summary>
public sealed record LoadFigures(int Requests, IReadOnlyList<string> Errors, double RequestsPerSecond, double P50Ms, double P99Ms, double MaxMs);
