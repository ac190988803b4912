using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>
/// A YAML document converted to JSON, whatever its root. <see cref="StopsStream"/> marks a syntax error, after which
/// nothing more of the file can be read.
/// </summary>
internal sealed record ParsedYamlDocument(
    int Index,
    JsonNode? Root,
    SourceMap Map,
    IReadOnlyList<EntityProblem> Problems,
    bool StopsStream = false)
{
    public bool IsEmpty => Root is null && Problems.Count == 0;
}
