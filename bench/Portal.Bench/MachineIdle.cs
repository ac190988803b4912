using System.Globalization;

namespace Portal.Bench;

/// <summary>
/// Waits until the machine is idle again (from <c>/proc/stat</c>): after an ingest, the services still consume the
/// events it caused, and read latencies measured meanwhile would measure that work instead.
/// </summary>
public static class MachineIdle
{
    public static async Task WaitAsync(double idleFraction = 0.85, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(5));
        var (idle, total) = Sample();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            var (nextIdle, nextTotal) = Sample();
            var fraction = (double)(nextIdle - idle) / Math.Max(1, nextTotal - total);
            (idle, total) = (nextIdle, nextTotal);
            if (fraction >= idleFraction)
            {
                return;
            }
        }

        Progress.Write("the machine did not settle; measuring anyway");
    }

    private static (long Idle, long Total) Sample()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields[3] + fields[4], fields.Sum());
    }
}
