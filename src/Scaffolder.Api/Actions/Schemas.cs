using System.Text.Json.Nodes;

namespace Scaffolder.Api.Actions;

/// <summary>Small builders for the actions' input JSON Schemas.</summary>
internal static class Schemas
{
    public static JsonObject Object(string[] required, params (string Name, JsonObject Schema)[] properties)
    {
        var props = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            props[name] = schema;
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray(required.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
            ["properties"] = props,
        };
    }

    public static JsonObject String(string title, string description) =>
        new() { ["title"] = title, ["description"] = description, ["type"] = "string" };

    public static JsonObject Boolean(string title, string description) =>
        new() { ["title"] = title, ["description"] = description, ["type"] = "boolean" };

    public static JsonObject Strings(string title, string description) =>
        new() { ["title"] = title, ["description"] = description, ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } };

    public static JsonObject AnyObject(string title, string description) =>
        new() { ["title"] = title, ["description"] = description, ["type"] = "object" };
}
