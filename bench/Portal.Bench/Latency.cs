using System.Diagnostics;

namespace Portal.Bench;

/// <summary>Sequential timings of one operation, in milliseconds, after a warm-up.</summary>
public sealed class Latency
{
    private readonly List<double> _samples = [];

    public static async Task<Latency> MeasureAsync(int warmUp, int count, Func<int, Task> operation)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await operation(i);
        }

        var latency = new Latency();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation(warmUp + i);
            latency._samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return latency;
    }

    public const int WindowSize = 500;

    public double Percentile(double percentile) => Percentile(_samples, percentile);

    public double Median => Percentile(50);

    /// <summary>The p50 of each run of <see cref="WindowSize"/> samples, in order: how the figure moved while measured.</summary>
    public string WindowMedians() => string.Join(' ', _samples.Chunk(WindowSize)
        .Select(window => Percentile(window, 50).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));

    internal static double Percentile(IEnumerable<double> samples, double percentile)
    {
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return Math.Round(sorted[Math.Clamp(rank, 0, sorted.Length - 1)], 3);
    }
}
