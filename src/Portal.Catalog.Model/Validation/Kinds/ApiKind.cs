using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>
/// API has two schemas: the classic one with a <c>definition</c>, and (catalog-model 1.10) the MCP server one,
/// <c>type: mcp-server</c> with <c>remotes</c> instead. An API is valid when either accepts it; problems are reported
/// against the MCP one when the type says mcp-server.
/// </summary>
internal static class ApiKind
{
    private const string McpServerType = "mcp-server";

    private static readonly FieldCheck[] Common =
    [
        Fields.RequiredString("type"),
        Fields.RequiredString("lifecycle"),
        Fields.RequiredString("owner"),
        Fields.OptionalString("system"),
    ];

    private static readonly FieldCheck[] WithDefinition = [.. Common, Fields.RequiredString("definition")];

    private static readonly FieldCheck[] McpServer =
    [
        .. Common,
        Fields.RequiredObjectList("remotes", minItems: 1, Fields.RequiredString("type"), Fields.RequiredString("url")),
    ];

    public static readonly KindSchema Schema = new("API", KindSchema.CoreApiVersions, Check);

    private static void Check(JsonObject spec, ProblemCollector problems)
    {
        var classic = problems.Scratch();
        KindSchema.Run(WithDefinition, spec, classic);
        if (classic.Count == 0)
        {
            return;
        }

        if (EntityFields.AsString(spec["type"]) != McpServerType)
        {
            problems.AddRange(classic);
            return;
        }

        KindSchema.Run(McpServer, spec, problems);
    }
}
