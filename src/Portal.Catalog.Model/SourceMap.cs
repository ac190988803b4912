namespace Portal.Catalog.Model;

/// <summary>Where each field of a YAML document starts (1-based line and column), by JSON path such as <c>spec.tags[2]</c>.</summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, (int Line, int Column)> _locations = new(StringComparer.Ordinal);

    public static SourceMap Empty { get; } = new();

    internal void Add(string path, int line, int column) => _locations.TryAdd(path, (line, column));

    /// <summary>The field's position, or for a missing field the nearest existing parent's.</summary>
    public bool TryGetLocation(string path, out int line, out int column)
    {
        var current = path;
        while (true)
        {
            if (_locations.TryGetValue(current, out var location))
            {
                (line, column) = location;
                return true;
            }

            if (current.Length == 0)
            {
                (line, column) = (0, 0);
                return false;
            }

            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            current = cut < 0 ? "" : current[..cut];
        }
    }
}
