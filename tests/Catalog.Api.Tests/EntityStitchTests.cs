using System.Text.Json;
using Catalog.Api.Processing;
using Xunit;

namespace Catalog.Api.Tests;

/// <summary>The served form of an entity, computed without a database.</summary>
public sealed class EntityStitchTests
{
    private static readonly Guid Id = Guid.Parse("5b1c3f0e-8f1e-4a55-9d55-0c6f0b7c1a11");

    private static EntityStitch.Input Input(
        bool orphan = false, string errors = "[]", IReadOnlyList<(string, string)>? relations = null, string etag = "") => new(
        "component:default/ledger", Id, orphan, errors,
        """{"spec":{"owner":"team-a"},"kind":"Component","metadata":{"name":"ledger","namespace":"default"},"apiVersion":"backstage.io/v1alpha1"}""",
        """{"kind":["component"],"relations.ownedby":["group:default/old"],"spec.owner":["team-a"]}""",
        etag,
        relations ?? [("ownedBy", "group:default/team-a"), ("dependsOn", "resource:default/db"), ("ownedBy", "group:default/team-a")]);

    [Fact]
    public void The_envelope_comes_in_backstage_order_with_uid_etag_and_sorted_distinct_relations()
    {
        var output = EntityStitch.Compute(Input());
        using var entity = JsonDocument.Parse(output.FinalJson);
        var root = entity.RootElement;
        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "relations"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Id.ToString(), root.GetProperty("metadata").GetProperty("uid").GetString());
        Assert.Equal(output.Etag, root.GetProperty("metadata").GetProperty("etag").GetString());
        Assert.Equal(32, output.Etag.Length);
        Assert.Equal(
            ["dependsOn resource:default/db", "ownedBy group:default/team-a"],
            root.GetProperty("relations").EnumerateArray().Select(r => $"{r.GetProperty("type").GetString()} {r.GetProperty("targetRef").GetString()}"));
        Assert.False(root.TryGetProperty("status", out _));
    }

    [Fact]
    public void The_etag_is_stable_for_the_same_content_and_changes_with_relations_errors_or_orphaning()
    {
        var first = EntityStitch.Compute(Input());
        Assert.Equal(first.Etag, EntityStitch.Compute(Input()).Etag);
        Assert.NotEqual(first.Etag, EntityStitch.Compute(Input(relations: [("ownedBy", "group:default/team-b")])).Etag);
        Assert.NotEqual(first.Etag, EntityStitch.Compute(Input(orphan: true)).Etag);
        Assert.NotEqual(first.Etag, EntityStitch.Compute(Input(errors: """[{"kind":"ValidationError","message":"bad"}]""")).Etag);
    }

    [Fact]
    public void Orphans_are_annotated_and_processing_errors_become_status_items()
    {
        var output = EntityStitch.Compute(Input(orphan: true, errors: """[{"kind":"ValidationError","message":"spec.type is required"}]"""));
        using var entity = JsonDocument.Parse(output.FinalJson);
        var root = entity.RootElement;
        Assert.Equal("true", root.GetProperty("metadata").GetProperty("annotations").GetProperty("backstage.io/orphan").GetString());
        var item = Assert.Single(root.GetProperty("status").GetProperty("items").EnumerateArray());
        Assert.Equal("backstage.io/catalog-processing", item.GetProperty("type").GetString());
        Assert.Equal("error", item.GetProperty("level").GetString());
        Assert.Equal("ValidationError", item.GetProperty("error").GetProperty("name").GetString());
        Assert.Equal("spec.type is required", item.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void The_filter_document_gets_its_relation_keys_replaced_lower_cased()
    {
        var output = EntityStitch.Compute(Input(relations: [("ownedBy", "Group:default/Team-A"), ("dependsOn", "resource:default/db")]));
        using var filter = JsonDocument.Parse(output.FilterDocJson);
        var keys = filter.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());
        Assert.Equal<string>(["group:default/team-a"], keys["relations.ownedby"]);
        Assert.Equal<string>(["resource:default/db"], keys["relations.dependson"]);
        Assert.Equal<string>(["component"], keys["kind"]);
        Assert.Equal<string>(["team-a"], keys["spec.owner"]);
    }
}
