using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>One document of a YAML file: the entity as JSON (null when it could not be read), its source map and problems.</summary>
public sealed record YamlEntityDocument(int Index, JsonObject? Entity, SourceMap Map, IReadOnlyList<EntityProblem> Problems);
