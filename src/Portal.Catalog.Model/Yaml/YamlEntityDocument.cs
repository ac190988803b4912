using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>
/// One document of a YAML file. <see cref="Index"/> is its 0-based position in the file (empty documents count but
/// are not returned). <see cref="Entity"/> is null whenever <see cref="Problems"/> is not empty: a document with a
/// syntax error, a duplicate key, too many nodes or a root that is not a mapping is not used at all, as in Backstage.
/// <see cref="EndsFile"/> marks a syntax error: nothing after it in the file can be read.
/// </summary>
public sealed record YamlEntityDocument(int Index, JsonObject? Entity, SourceMap Map, IReadOnlyList<EntityProblem> Problems, bool EndsFile = false);
