namespace Portal.AppHost.Processes;

/// <summary>
/// How long to wait before restarting a crashed service: 1 s, doubling on each quick crash up to 30 s, back to 1 s
/// after a run that lasted a minute or more.
/// </summary>
public sealed class RestartBackoff
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableRun = TimeSpan.FromMinutes(1);
    private TimeSpan _next = First;

    public TimeSpan Next(TimeSpan lastRunLasted)
    {
        if (lastRunLasted >= StableRun)
        {
            _next = First;
        }

        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(Longest.Ticks, _next.Ticks * 2));
        return delay;
    }
}
