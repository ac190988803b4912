using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Catalog.Model;

namespace Catalog.Api.Processing;

/// <summary>
/// The served form of one entity, computed from what is stored about it: the processed entity plus its uid, its
/// relations (both directions, whoever produced them, sorted by type then target), its processing errors and then its
/// warnings as <c>status.items</c>, the orphan annotation, and an etag over all of that; plus its filter document with the
/// <c>relations.*</c> keys refreshed. Pure, so it runs in parallel and is tested alone.
/// </summary>
/// <remarks>
/// Written in one pass with <see cref="Utf8JsonWriter"/>: the etag is the MD5 of the compact JSON without it, and the
/// served JSON is that same text with <c>"etag"</c> spliced in as the last key of <c>metadata</c>.
/// </remarks>
public static class EntityStitch
{
    private static readonly string[] EnvelopeOrder = ["apiVersion", "kind", "metadata", "spec", "relations", "status"];
    private const string OrphanAnnotation = "backstage.io/orphan";
    private const string RelationsKeyPrefix = "relations.";

    public sealed record Input(
        string EntityRef, Guid Id, bool Orphan, string ErrorsJson, string ProcessedJson, string FilterDocJson, string Etag,
        IReadOnlyList<(string Type, string TargetRef)> Relations);

    public sealed record Output(string EntityRef, string Etag, string FinalJson, string FilterDocJson);

    public static Output Compute(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var relations = input.Relations.Distinct()
            .OrderBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.TargetRef, StringComparer.Ordinal).ToList();

        string etag, finalJson;
        using (var scratch = JsonScratch.Rent())
        using (var document = JsonDocument.Parse(input.ProcessedJson))
        {
            var writer = scratch.Writer;
            var source = document.RootElement;
            var metadataEnd = -1;
            writer.WriteStartObject();
            foreach (var key in EnvelopeOrder)
            {
                if (key == "metadata" && source.TryGetProperty(key, out var metadata))
                {
                    writer.WritePropertyName(key);
                    WriteMetadata(writer, metadata, input);
                    metadataEnd = scratch.WrittenCount;
                    writer.WriteEndObject();
                }
                else if (key is "apiVersion" or "kind" or "spec" && source.TryGetProperty(key, out var value))
                {
                    writer.WritePropertyName(key);
                    value.WriteTo(writer);
                }
            }

            foreach (var property in source.EnumerateObject())
            {
                if (!EnvelopeOrder.Contains(property.Name))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteStartArray("relations");
            foreach (var (type, target) in relations)
            {
                writer.WriteStartObject();
                writer.WriteString("type", type);
                writer.WriteString("targetRef", target);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (StatusItems(input.ErrorsJson, source) is { } items)
            {
                writer.WritePropertyName("status");
                new JsonObject { ["items"] = items }.WriteTo(writer);
            }

            writer.WriteEndObject();
            if (metadataEnd < 0)
            {
                throw new InvalidOperationException($"processed entity {input.EntityRef} has no metadata");
            }

            var withoutEtag = scratch.Written;
            etag = Convert.ToHexStringLower(MD5.HashData(withoutEtag));
            finalJson = SpliceEtag(withoutEtag, metadataEnd, etag);
        }

        return new Output(input.EntityRef, etag, finalJson, FilterDocWithRelations(input.FilterDocJson, relations));
    }

    /// <summary>The UTF-8 JSON decoded once, straight into its final string, with <c>,"etag":"…"</c> inserted at the end of metadata.</summary>
    private static string SpliceEtag(ReadOnlySpan<byte> json, int metadataEnd, string etag)
    {
        var parts = new EtagSplice(json[..metadataEnd], $",\"etag\":\"{etag}\"", json[metadataEnd..]);
        var length = Encoding.UTF8.GetCharCount(parts.Head) + parts.Etag.Length + Encoding.UTF8.GetCharCount(parts.Tail);
        return string.Create(length, parts, static (chars, parts) =>
        {
            var written = Encoding.UTF8.GetChars(parts.Head, chars);
            parts.Etag.CopyTo(chars[written..]);
            Encoding.UTF8.GetChars(parts.Tail, chars[(written + parts.Etag.Length)..]);
        });
    }

    private readonly ref struct EtagSplice(ReadOnlySpan<byte> head, string etag, ReadOnlySpan<byte> tail)
    {
        public ReadOnlySpan<byte> Head { get; } = head;

        public string Etag { get; } = etag;

        public ReadOnlySpan<byte> Tail { get; } = tail;
    }

    /// <summary>The processed metadata, then <c>uid</c> (an orphan's annotation added in place or at the end); <c>etag</c> is spliced in later.</summary>
    private static void WriteMetadata(Utf8JsonWriter writer, JsonElement metadata, Input input)
    {
        writer.WriteStartObject();
        var annotated = false;
        foreach (var property in metadata.EnumerateObject())
        {
            if (property.NameEquals("uid") || property.NameEquals("etag"))
            {
                continue;
            }

            if (input.Orphan && property.NameEquals("annotations") && property.Value.ValueKind == JsonValueKind.Object)
            {
                writer.WritePropertyName(property.Name);
                WriteOrphanAnnotations(writer, property.Value);
                annotated = true;
                continue;
            }

            property.WriteTo(writer);
        }

        writer.WriteString("uid", input.Id.ToString());
        if (input.Orphan && !annotated)
        {
            writer.WriteStartObject("annotations");
            writer.WriteString(OrphanAnnotation, "true");
            writer.WriteEndObject();
        }
    }

    private static void WriteOrphanAnnotations(Utf8JsonWriter writer, JsonElement annotations)
    {
        writer.WriteStartObject();
        var written = false;
        foreach (var annotation in annotations.EnumerateObject())
        {
            if (annotation.NameEquals(OrphanAnnotation))
            {
                writer.WriteString(OrphanAnnotation, "true");
                written = true;
                continue;
            }

            annotation.WriteTo(writer);
        }

        if (!written)
        {
            writer.WriteString(OrphanAnnotation, "true");
        }

        writer.WriteEndObject();
    }

    private static JsonArray? StatusItems(string errorsJson, JsonElement processed)
    {
        var items = new JsonArray();
        IEnumerable<JsonObject> errors = errorsJson is "[]" or "" ? [] : JsonNode.Parse(errorsJson)!.AsArray().OfType<JsonObject>();
        foreach (var error in errors)
        {
            var message = error["message"]?.GetValue<string>() ?? "";
            items.Add(new JsonObject
            {
                ["type"] = "backstage.io/catalog-processing",
                ["level"] = "error",
                ["message"] = message,
                ["error"] = new JsonObject { ["name"] = error["kind"]?.GetValue<string>() ?? "Error", ["message"] = message },
            });
        }

        foreach (var warning in EntityWarningStatus.Items(processed))
        {
            items.Add(warning);
        }

        return items.Count == 0 ? null : items;
    }

    /// <summary>
    /// The stored filter document's own keys copied as they are (they were written sorted and distinct), and its
    /// <c>relations.*</c> keys replaced by the current relations, lower-cased, each key's values sorted and distinct.
    /// </summary>
    private static string FilterDocWithRelations(string filterDocJson, List<(string Type, string TargetRef)> relations)
    {
        using var scratch = JsonScratch.Rent();
        using (var document = JsonDocument.Parse(filterDocJson))
        {
            var writer = scratch.Writer;
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!property.Name.StartsWith(RelationsKeyPrefix, StringComparison.Ordinal))
                {
                    property.WriteTo(writer);
                }
            }

            var byKey = relations
                .Select(r => (Key: RelationsKeyPrefix + r.Type.ToLowerInvariant(), Target: r.TargetRef.ToLowerInvariant()))
                .Distinct()
                .OrderBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Target, StringComparer.Ordinal);
            string? open = null;
            foreach (var (key, target) in byKey)
            {
                if (key != open)
                {
                    if (open is not null)
                    {
                        writer.WriteEndArray();
                    }

                    writer.WriteStartArray(key);
                    open = key;
                }

                writer.WriteStringValue(target);
            }

            if (open is not null)
            {
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(scratch.Written);
    }
}
