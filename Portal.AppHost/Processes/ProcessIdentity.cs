using System.Globalization;

namespace Portal.AppHost.Processes;

/// <summary>
/// A process told apart from a later one that got the same PID: its PID plus its start time (field 22 of
/// <c>/proc/PID/stat</c>, in clock ticks since boot).
/// </summary>
public sealed record ProcessIdentity(int Pid, long StartTime)
{
    public static ProcessIdentity? Of(int pid) => ReadStartTime(pid) is { } start ? new ProcessIdentity(pid, start) : null;

    public bool IsAlive => ReadStartTime(Pid) == StartTime;

    private static long? ReadStartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // "PID (comm) S ppid …": comm may hold spaces and parentheses, so fields are counted after the last ")"; field N is fields[N - 3].
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] == "Z" ? null : long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
