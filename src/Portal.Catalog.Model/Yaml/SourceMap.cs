namespace Portal.Catalog.Model;

/// <summary>
/// Where each field of a YAML document starts, by path such as <c>metadata.name</c> or <c>spec.tags[2]</c>.
/// A mapping entry is located at its key; a list item at the item; the whole document at path "".
/// Lines and columns are 1-based.
/// </summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, (int Line, int Column)> _locations = new(StringComparer.Ordinal);

    public static SourceMap Empty { get; } = new();

    public int Count => _locations.Count;

    /// <summary>The field's position or, for a field that is not in the file, the nearest parent's that is.</summary>
    public bool TryGetLocation(string path, out int line, out int column)
    {
        for (var current = path; current is not null; current = FieldPath.Parent(current))
        {
            if (_locations.TryGetValue(current, out var location))
            {
                (line, column) = location;
                return true;
            }
        }

        (line, column) = (0, 0);
        return false;
    }

    /// <summary>The problem with this map's position added, unless it already has one.</summary>
    public EntityProblem Locate(EntityProblem problem) =>
        problem.Line is null && TryGetLocation(problem.Path, out var line, out var column)
            ? problem with { Line = line, Column = column }
            : problem;

    /// <summary>Records a position; the first one recorded for a path wins (a key before its value).</summary>
    internal void Add(string path, int line, int column) => _locations.TryAdd(path, (line, column));
}
