using System.Text.Json.Nodes;

namespace Portal.Web.Rendering;

/// <summary>An AsyncAPI document (2.x channels with publish/subscribe, or 3.x channels with operations) as a list of channels.</summary>
public sealed record AsyncApiDescription(string Title, string? Version, string? Description, IReadOnlyList<AsyncApiChannel> Channels)
{
    public static AsyncApiDescription From(JsonNode document)
    {
        var info = DefinitionDocument.Object(document, "info");
        var channels = new List<AsyncApiChannel>();
        var operations = DefinitionDocument.Entries(document, "operations").ToList();
        foreach (var (name, channel) in DefinitionDocument.Entries(document, "channels"))
        {
            var list = new List<AsyncApiOperation>();
            foreach (var action in new[] { "publish", "subscribe" })
            {
                if (DefinitionDocument.Object(channel, action) is { } operation)
                {
                    list.Add(new AsyncApiOperation(action, DefinitionDocument.Text(operation, "summary"), Messages(document, operation["message"])));
                }
            }

            foreach (var (_, operation) in operations)
            {
                var target = DefinitionDocument.Text(DefinitionDocument.Object(operation, "channel"), "$ref");
                if (target is not null && target.EndsWith("/" + name, StringComparison.Ordinal))
                {
                    list.Add(new AsyncApiOperation(
                        DefinitionDocument.Text(operation, "action") ?? "operation", DefinitionDocument.Text(operation, "summary"),
                        DefinitionDocument.Entries(channel, "messages").SelectMany(m => Messages(document, m.Value)).ToList()));
                }
            }

            channels.Add(new AsyncApiChannel(DefinitionDocument.Text(channel, "address") ?? name, DefinitionDocument.Text(channel, "description"), list));
        }

        return new AsyncApiDescription(
            DefinitionDocument.Text(info, "title") ?? "API", DefinitionDocument.Text(info, "version"), DefinitionDocument.Text(info, "description"), channels);
    }

    private static List<AsyncApiMessage> Messages(JsonNode document, JsonNode? message)
    {
        if (message is JsonObject obj && obj["oneOf"] is JsonArray options)
        {
            return options.SelectMany(o => Messages(document, o)).ToList();
        }

        var resolved = Resolve(document, message);
        return resolved is null
            ? []
            : [new AsyncApiMessage(DefinitionDocument.Text(resolved, "name") ?? DefinitionDocument.Text(resolved, "title") ?? "message",
                DefinitionDocument.Text(resolved, "summary"), SchemaDescription.Of(Resolve(document, resolved["payload"])))];
    }

    /// <summary>Follows a local <c>#/…</c> reference once; other nodes come back as they are.</summary>
    private static JsonNode? Resolve(JsonNode document, JsonNode? node)
    {
        if (DefinitionDocument.Text(node, "$ref") is not { } reference || !reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return node;
        }

        JsonNode? current = document;
        foreach (var part in reference[2..].Split('/'))
        {
            current = current is JsonObject obj ? obj[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)] : null;
        }

        return current;
    }
}

public sealed record AsyncApiChannel(string Name, string? Description, IReadOnlyList<AsyncApiOperation> Operations);

public sealed record AsyncApiOperation(string Action, string? Summary, IReadOnlyList<AsyncApiMessage> Messages);

public sealed record AsyncApiMessage(string Name, string? Summary, SchemaDescription Payload);
