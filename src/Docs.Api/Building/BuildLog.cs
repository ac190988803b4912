using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Docs.Api.Building;

/// <summary>The log of one build, stored with it and served by the build log endpoint.</summary>
public sealed class BuildLog
{
    private readonly StringBuilder _text = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Warnings => _warnings;

    public void Info(string message) => Write("info", message);

    public void Warning(string message)
    {
        _warnings.Add(message);
        Write("warn", message);
    }

    public void Error(string message) => Write("error", message);

    public override string ToString() => _text.ToString();

    private void Write(string level, string message) =>
        _text.Append(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,7:0.000}s] {level}: {message}\n");
}
