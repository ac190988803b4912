using System.Globalization;

namespace Portal.Bench;

/// <summary>The <c>--name value</c> options after the benchmark's name.</summary>
public sealed class BenchArguments
{
    private readonly Dictionary<string, string> _values;

    private BenchArguments(Dictionary<string, string> values) => _values = values;

    public static BenchArguments Parse(ReadOnlySpan<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new BenchException($"expected '--option value', got '{args[i]}'");
            }

            values[args[i][2..]] = args[++i];
        }

        return new BenchArguments(values);
    }

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new BenchException($"--{name} must be a positive whole number, got '{text}'")
            : fallback;

    public string? String(string name) => _values.GetValueOrDefault(name);
}
