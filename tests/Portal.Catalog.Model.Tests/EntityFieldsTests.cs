using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class EntityFieldsTests
{
    private static readonly System.Text.Json.Nodes.JsonObject Entity = Yaml.Entity("""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: svc
          title: The Service
          description: Does things
          labels: { tier: gold }
          annotations: { backstage.io/techdocs-ref: "dir:." }
          tags: [java, 3, web]
        spec:
          type: service
          owner: 42
        """);

    [Fact]
    public void Reads_the_envelope()
    {
        Assert.Equal("backstage.io/v1alpha1", EntityFields.ApiVersion(Entity));
        Assert.Equal("Component", EntityFields.Kind(Entity));
        Assert.Equal("svc", EntityFields.Name(Entity));
        Assert.Equal("The Service", EntityFields.Title(Entity));
        Assert.Equal("Does things", EntityFields.Description(Entity));
        Assert.NotNull(EntityFields.Metadata(Entity));
        Assert.NotNull(EntityFields.Spec(Entity));
    }

    [Fact]
    public void Namespace_defaults_to_default()
    {
        Assert.Equal("default", EntityFields.Namespace(Entity));
    }

    [Fact]
    public void Reads_labels_annotations_and_string_tags()
    {
        Assert.Equal("gold", EntityFields.Label(Entity, "tier"));
        Assert.Equal("dir:.", EntityFields.Annotation(Entity, KnownAnnotations.TechDocsRef));
        Assert.Null(EntityFields.Annotation(Entity, KnownAnnotations.Orphan));
        Assert.Equal(["java", "web"], EntityFields.Tags(Entity));
    }

    [Fact]
    public void Fields_of_another_type_read_as_null()
    {
        Assert.Equal("service", EntityFields.SpecString(Entity, "type"));
        Assert.Null(EntityFields.SpecString(Entity, "owner"));
        Assert.Null(EntityFields.SpecString(Entity, "missing"));
    }
}
