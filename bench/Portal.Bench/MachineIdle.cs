using System.Diagnostics;
using System.Globalization;

namespace Portal.Bench;

/// <summary>
/// Waits until the machine is idle again (from <c>/proc/stat</c>), for several seconds in a row: after an ingest, the
/// services still consume the events it caused, and after start-up they still warm up between quiet moments; figures
/// measured meanwhile would measure that work instead.
/// </summary>
public static class MachineIdle
{
    public static async Task WaitAsync(double idleFraction = 0.85, TimeSpan? timeout = null, int idleSeconds = 3)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(5));
        var (idle, total) = Sample();
        var idleInARow = 0;
        var waited = Stopwatch.StartNew();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            var (nextIdle, nextTotal) = Sample();
            var fraction = (double)(nextIdle - idle) / Math.Max(1, nextTotal - total);
            (idle, total) = (nextIdle, nextTotal);
            idleInARow = fraction >= idleFraction ? idleInARow + 1 : 0;
            if (idleInARow >= idleSeconds)
            {
                Progress.Verbose($"machine idle after {waited.Elapsed.TotalSeconds:0} s");
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
