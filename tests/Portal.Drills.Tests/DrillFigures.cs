using System.Text.Json;
using Portal.Testing;
using Xunit.Abstractions;

namespace Portal.Drills.Tests;

/// <summary>
/// A drill's measured figures as one JSON line, <c>DRILL {"drill":…}</c>, in the test's output and appended to
/// <c>artifacts/drill-figures.jsonl</c> (kept by CI), which docs/reliability.md quotes; with the machine's load
/// average, since every figure depends on it.
/// </summary>
public static class DrillFigures
{
    public static string Report(ITestOutputHelper output, string drill, IReadOnlyDictionary<string, object> figures)
    {
        var line = "DRILL " + JsonSerializer.Serialize(new Dictionary<string, object>(figures)
        {
            ["drill"] = drill,
            ["loadAverage"] = LoadAverage(),
            ["processors"] = Environment.ProcessorCount,
        });
        output.WriteLine(line);
        var artifacts = Path.Combine(AppHostRun.RepositoryRoot, "artifacts");
        Directory.CreateDirectory(artifacts);
        File.AppendAllText(Path.Combine(artifacts, "drill-figures.jsonl"), line[("DRILL ".Length)..] + "\n");
        return line;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
