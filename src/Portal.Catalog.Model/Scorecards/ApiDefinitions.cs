using System.Text.Json.Nodes;

namespace Portal.Catalog.Model.Scorecards;

/// <summary>
/// Whether an API entity's <c>spec.definition</c> reads as its <c>spec.type</c> says: OpenAPI and AsyncAPI as one
/// YAML (or JSON) document with their version key; GraphQL and gRPC, whose grammars Portal does not parse, as text
/// that is not empty. The reason says what was found.
/// </summary>
public static class ApiDefinitions
{
    public static (bool Parses, string Reason) Check(string? type, string? definition)
    {
        if (string.IsNullOrWhiteSpace(definition))
        {
            return (false, "spec.definition is missing or empty");
        }

        var versionKeys = type?.ToLowerInvariant() switch
        {
            "openapi" => new[] { "openapi", "swagger" },
            "asyncapi" => ["asyncapi"],
            _ => null,
        };
        if (versionKeys is null)
        {
            return (true, $"a {type ?? "untyped"} definition of {definition.Length} characters");
        }

        var document = YamlJsonReader.Read(definition).FirstOrDefault();
        if (document is null || document.Problems.Count > 0)
        {
            var problem = document?.Problems.FirstOrDefault();
            return (false, problem is null ? "the definition is empty" : $"the definition does not parse: {problem.Message}{(problem.Line is { } line ? $" (line {line})" : "")}");
        }

        if (document.Root is not JsonObject root)
        {
            return (false, "the definition is not a YAML or JSON object");
        }

        var key = versionKeys.FirstOrDefault(root.ContainsKey);
        return key is null
            ? (false, $"the definition has no {string.Join(" or ", versionKeys)} version field")
            : (true, $"{key} {root[key]?.ToString()} definition parses");
    }
}
