using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Catalog.Api.Processing;
using Portal.Catalog.Model;
using Xunit;

namespace Catalog.Api.Tests;

/// <summary>
/// Stored entities keep their served JSON and etag across versions: if the stitch wrote different bytes for the same
/// entity, every stored entity would get a new etag at its next stitch. So the single-pass writer is checked, byte for
/// byte, against the first implementation (a JSON tree built and serialised twice), kept here as the reference.
/// </summary>
public sealed class EntityStitchCompatibilityTests
{
    public static TheoryData<bool, bool> Variants => new() { { false, false }, { true, false }, { false, true }, { true, true } };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_corpus_entity_is_served_as_the_reference_stitch_serves_it(bool orphan, bool withErrors)
    {
        var files = Directory.EnumerateFiles(Corpus.Root, "*.yaml", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        var compared = 0;
        foreach (var document in files.SelectMany(file => EntityYamlReader.Read(File.ReadAllText(file))))
        {
            if (document.Entity?["metadata"] is not JsonObject metadata)
            {
                continue;
            }

            metadata.Remove("uid");
            metadata.Remove("etag");
            document.Entity.Remove("relations");
            document.Entity.Remove("status");
            var random = new Random(compared);
            var types = RelationTypes.All.ToArray();
            var relations = Enumerable.Range(0, random.Next(0, 6))
                .Select(i => (Type: types[random.Next(types.Length)], Target: $"Component:default/Target-{random.Next(3)}"))
                .ToList();
            var input = new EntityStitch.Input(
                "component:default/x", Guid.NewGuid(), orphan,
                withErrors ? """[{"kind":"ValidationError","message":"spec.type <is> required \u00e9"}]""" : "[]",
                document.Entity.ToJsonString(), FilterDocument.Build(document.Entity), "", relations);

            var expected = ReferenceStitch.Compute(input);
            var actual = EntityStitch.Compute(input);

            Assert.Equal(expected.FinalJson, actual.FinalJson);
            Assert.Equal(expected.Etag, actual.Etag);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.FilterDocJson), JsonNode.Parse(actual.FilterDocJson)), actual.FilterDocJson);
            compared++;
        }

        Assert.True(compared > 40, $"only {compared} corpus entities were compared");
    }

    [Fact]
    public void Stored_filter_documents_get_their_relation_keys_replaced_as_the_reference_does()
    {
        var input = new EntityStitch.Input(
            "component:default/x", Guid.NewGuid(), false, "[]",
            """{"apiVersion":"v1","kind":"Component","metadata":{"name":"x","annotations":{"backstage.io/orphan":"false","a":"b"}},"spec":{"type":"service"},"extra":[1,2.50,"\u00e9<"]}""",
            """{"kind": ["component"], "relations.ownedby": ["group:default/old"], "spec.type": ["service"], "relations.partof": ["system:default/s"]}""",
            "old", [("ownedBy", "Group:default/New"), ("dependsOn", "resource:default/db"), ("dependsOn", "Resource:default/DB")]);

        foreach (var orphan in new[] { false, true })
        {
            var expected = ReferenceStitch.Compute(input with { Orphan = orphan });
            var actual = EntityStitch.Compute(input with { Orphan = orphan });
            Assert.Equal(expected.FinalJson, actual.FinalJson);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.FilterDocJson), JsonNode.Parse(actual.FilterDocJson)), actual.FilterDocJson);
        }
    }

    /// <summary>The first implementation of <see cref="EntityStitch.Compute"/>, unchanged.</summary>
    private static class ReferenceStitch
    {
        private static readonly string[] EnvelopeOrder = ["apiVersion", "kind", "metadata", "spec", "relations", "status"];

        public static EntityStitch.Output Compute(EntityStitch.Input input)
        {
            var source = JsonNode.Parse(input.ProcessedJson)!.AsObject();
            var entity = new JsonObject();
            foreach (var key in EnvelopeOrder.Where(source.ContainsKey).Concat(source.Select(p => p.Key).Where(k => !EnvelopeOrder.Contains(k)).ToList()))
            {
                var value = source[key];
                source.Remove(key);
                entity[key] = value;
            }

            var metadata = entity["metadata"]!.AsObject();
            metadata["uid"] = input.Id.ToString();
            if (input.Orphan)
            {
                if (metadata["annotations"] is not JsonObject annotations)
                {
                    metadata["annotations"] = annotations = new JsonObject();
                }

                annotations["backstage.io/orphan"] = "true";
            }

            var relations = input.Relations.Distinct()
                .OrderBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.TargetRef, StringComparer.Ordinal).ToList();
            entity["relations"] = new JsonArray(relations
                .Select(r => (JsonNode)new JsonObject { ["type"] = r.Type, ["targetRef"] = r.TargetRef }).ToArray());
            entity.Remove("status");
            if (StatusItems(input.ErrorsJson) is { } items)
            {
                entity["status"] = new JsonObject { ["items"] = items };
            }

            var etag = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(entity.ToJsonString())));
            metadata["etag"] = etag;
            return new EntityStitch.Output(input.EntityRef, etag, entity.ToJsonString(), FilterDocWithRelations(input.FilterDocJson, relations));
        }

        private static JsonArray? StatusItems(string errorsJson)
        {
            if (errorsJson is "[]" or "")
            {
                return null;
            }

            var items = new JsonArray();
            foreach (var error in JsonNode.Parse(errorsJson)!.AsArray().OfType<JsonObject>())
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

            return items.Count == 0 ? null : items;
        }

        private static string FilterDocWithRelations(string filterDocJson, List<(string Type, string TargetRef)> relations)
        {
            var values = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            using (var document = JsonDocument.Parse(filterDocJson))
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (!property.Name.StartsWith("relations.", StringComparison.Ordinal))
                    {
                        values[property.Name] = new SortedSet<string>(property.Value.EnumerateArray().Select(v => v.GetString()!), StringComparer.Ordinal);
                    }
                }
            }

            foreach (var (type, target) in relations)
            {
                var key = "relations." + type.ToLowerInvariant();
                if (!values.TryGetValue(key, out var set))
                {
                    values[key] = set = new SortedSet<string>(StringComparer.Ordinal);
                }

                set.Add(target.ToLowerInvariant());
            }

            return FilterDocument.Serialize(values);
        }
    }
}
