using System.Globalization;

namespace Portal.Bench;

/// <summary>One process as <c>/proc</c> shows it: pid, parent, name, command line and resident memory.</summary>
public sealed record ProcessEntry(int Pid, int ParentPid, string Name, string CommandLine, long RssKilobytes)
{
    public static IReadOnlyList<ProcessEntry> ReadAll() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? Read(pid) : null)
            .OfType<ProcessEntry>()];

    /// <summary>The process, or null when it has ended meanwhile.</summary>
    public static ProcessEntry? Read(int pid)
    {
        try
        {
            // stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so fields are counted after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var name = File.ReadAllText($"/proc/{pid}/comm").TrimEnd('\n');
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').TrimEnd();
            var rss = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)) is { } line
                ? long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)
                : 0;
            return new ProcessEntry(pid, parent, name, commandLine, rss);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
