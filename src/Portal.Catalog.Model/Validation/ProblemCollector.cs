namespace Portal.Catalog.Model;

/// <summary>Gathers problems, placing each in the file through the source map when there is one.</summary>
internal sealed class ProblemCollector(SourceMap? map)
{
    private readonly List<EntityProblem> _problems = [];

    public IReadOnlyList<EntityProblem> Problems => _problems;

    public int Count => _problems.Count;

    public void Add(string path, string message)
    {
        var problem = new EntityProblem(path, message);
        _problems.Add(map is null ? problem : map.Locate(problem));
    }

    public void AddRange(ProblemCollector other) => _problems.AddRange(other._problems);

    /// <summary>A collector with the same source map whose problems are kept only if asked for.</summary>
    public ProblemCollector Scratch() => new(map);
}
