using Xunit;

namespace Portal.Catalog.Model.Tests;

/// <summary>The figures of shared/corpus/backstage/README.md, which were checked against a real Backstage backend.</summary>
public sealed class CorpusConformanceTests
{
    [Fact]
    public void Catalog_all_yaml_reaches_45_entities_of_the_expected_kinds()
    {
        var entities = CatalogWalker.Walk(Corpus.File("catalog/all.yaml"));

        Assert.Equal(45, entities.Count);
        Assert.Equal(
            "API 2, Component 9, Domain 3, Group 8, Location 2, Resource 1, System 3, User 17",
            CountBy(entities.Select(e => e.Ref.Kind)));
        Assert.Equal(45, entities.Select(e => e.Ref).Distinct().Count());
        Assert.Contains(new EntityRef("User", "development", "guest"), entities.Select(e => e.Ref));
        Assert.Contains(new EntityRef("Component", "alternative", "different-namespace"), entities.Select(e => e.Ref));
    }

    [Fact]
    public void Catalog_all_yaml_entities_are_all_valid()
    {
        var problems = CatalogWalker.Walk(Corpus.File("catalog/all.yaml"))
            .SelectMany(e => EntityValidator.Validate(e.Entity, e.Document.Map).Select(p => $"{e.Ref}: {p}"));

        Assert.Empty(problems);
    }

    [Fact]
    public void Catalog_all_yaml_gives_116_unique_relations_by_type()
    {
        var entities = CatalogWalker.Walk(Corpus.File("catalog/all.yaml"));

        var relations = UniqueRelations(entities);

        Assert.Equal(116, relations.Count);
        Assert.Equal(
            "apiConsumedBy 2, apiProvidedBy 3, childOf 7, consumesApi 2, dependencyOf 1, dependsOn 1, hasMember 17, hasPart 10, "
            + "memberOf 17, ownedBy 18, ownerOf 18, parentOf 7, partOf 10, providesApi 3",
            CountBy(relations.Select(r => r.Type)));
    }

    [Fact]
    public void Catalog_all_yaml_relations_to_missing_entities_are_kept()
    {
        var entities = CatalogWalker.Walk(Corpus.File("catalog/all.yaml"));
        var known = entities.Select(e => e.Ref).ToHashSet();

        var missing = UniqueRelations(entities).Select(r => r.Target).Where(t => !known.Contains(t)).Select(t => t.Key).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["api:default/playback-order", "api:default/searcher", "api:default/streetlights", "group:default/sre", "user:default/team-b"], missing);
    }

    [Fact]
    public void The_invalid_component_has_exactly_its_name_and_tag_problems_with_their_lines()
    {
        var document = Assert.Single(EntityYamlReader.Read(File.ReadAllText(Corpus.File("catalog/invalid/invalid-component.yaml"))));

        var problems = EntityValidator.Validate(document.Entity!, document.Map);

        Assert.Equal(
            [
                "metadata.name: \"invalid component\" is not a valid name: it must be 1–63 characters of [a-z0-9A-Z], '-', '_', '.', starting and ending with a letter or digit (line 4, column 3)",
                "metadata.tags[1]: \"go 1.15.3\" is not a valid tag: it must be 1–63 characters of [a-z0-9:+#], in words joined by single '-' (line 11, column 7)",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Upstream_examples_set_a_gives_58_entities_and_140_relations()
    {
        var examples = Corpus.File("upstream-882ca1c/packages/catalog-model/examples");
        var entities = CatalogWalker.Walk(Path.Combine(examples, "all.yaml"), Path.Combine(examples, "acme-corp.yaml"));

        Assert.Equal("API 7, Component 13, Domain 2, Group 8, Location 8, Resource 1, System 3, User 16", CountBy(entities.Select(e => e.Ref.Kind)));
        var relations = UniqueRelations(entities);
        Assert.Equal(140, relations.Count);
        Assert.Equal(
            "apiConsumedBy 2, apiProvidedBy 5, childOf 7, consumesApi 2, dependencyOf 1, dependsOn 1, hasMember 16, hasPart 13, "
            + "memberOf 16, ownedBy 26, ownerOf 26, parentOf 7, partOf 13, providesApi 5",
            CountBy(relations.Select(r => r.Type)));
        Assert.All(relations, r => Assert.Contains(r.Target, entities.Select(e => e.Ref)));
    }

    [Fact]
    public void Upstream_examples_are_valid_except_apis_whose_definition_is_an_unresolved_placeholder()
    {
        var examples = Corpus.File("upstream-882ca1c/packages/catalog-model/examples");
        var entities = CatalogWalker.Walk(Path.Combine(examples, "all.yaml"), Path.Combine(examples, "acme-corp.yaml"));

        var invalid = entities
            .Select(e => (e.Ref, Problems: EntityValidator.Validate(e.Entity, e.Document.Map)))
            .Where(e => e.Problems.Count > 0)
            .ToList();

        Assert.Equal(["api:default/spotify", "api:default/wayback-archive", "api:default/wayback-search"], invalid.Select(e => e.Ref.Key).Order(StringComparer.Ordinal));
        Assert.All(invalid, e => Assert.Equal("spec.definition: must be a non-empty string, not an object", $"{Assert.Single(e.Problems).Path}: {e.Problems[0].Message}"));
    }

    [Fact]
    public async Task A_relative_text_placeholder_resolves_and_the_api_becomes_valid()
    {
        var file = Corpus.File("current/packages/catalog-model/examples/apis/petstore-webhook-api.yaml");
        var document = Assert.Single(EntityYamlReader.Read(File.ReadAllText(file)));

        var problems = await PlaceholderResolver.ResolveAsync(document.Entity!, new RelativeFileReader(Path.GetDirectoryName(file)!), CancellationToken.None);

        Assert.Empty(problems);
        Assert.Equal(File.ReadAllText(Corpus.File("current/packages/catalog-model/examples/apis/petstore-webhook.oas.yaml")), EntityFields.SpecString(document.Entity!, "definition"));
        Assert.Empty(EntityValidator.Validate(document.Entity!, document.Map));
    }

    [Fact]
    public void The_mcp_server_api_is_valid_under_the_current_schema()
    {
        var document = Assert.Single(EntityYamlReader.Read(File.ReadAllText(Corpus.File("current/packages/catalog-model/examples/apis/backstage-mcp-server-api.yaml"))));

        Assert.Empty(EntityValidator.Validate(document.Entity!, document.Map));
    }

    [Fact]
    public void The_software_templates_are_valid_and_owned()
    {
        var files = Directory.GetFiles(Corpus.File("templates"), "template.yaml", SearchOption.AllDirectories);
        var entities = CatalogWalker.Walk(files);

        Assert.Equal(9, entities.Count);
        Assert.All(entities, e => Assert.Equal("Template", e.Ref.Kind));
        Assert.Empty(entities.SelectMany(e => EntityValidator.Validate(e.Entity, e.Document.Map).Select(p => $"{e.File}: {p}")));
        Assert.Equal("ownedBy 9, ownerOf 9", CountBy(UniqueRelations(entities).Select(r => r.Type)));
    }

    [Fact]
    public void The_create_app_examples_give_6_entities_and_16_relations()
    {
        var examples = Corpus.File("upstream-882ca1c/packages/create-app/templates/default-app/examples");
        var entities = CatalogWalker.Walk(Path.Combine(examples, "entities.yaml"), Path.Combine(examples, "org.yaml"), Path.Combine(examples, "template/template.yaml"));

        Assert.Equal("API 1, Component 1, Group 1, System 1, Template 1, User 1", CountBy(entities.Select(e => e.Ref.Kind)));
        Assert.Empty(entities.SelectMany(e => EntityValidator.Validate(e.Entity, e.Document.Map)));
        Assert.Equal(
            "apiProvidedBy 1, hasMember 1, hasPart 2, memberOf 1, ownedBy 4, ownerOf 4, partOf 2, providesApi 1",
            CountBy(UniqueRelations(entities).Select(r => r.Type)));
    }

    [Fact]
    public void A_templated_skeleton_is_valid_yaml_but_not_a_valid_entity()
    {
        var file = Corpus.File("upstream-882ca1c/packages/create-app/templates/default-app/examples/template/content/catalog-info.yaml");
        var document = Assert.Single(EntityYamlReader.Read(File.ReadAllText(file)));

        Assert.Contains(EntityValidator.Validate(document.Entity!, document.Map), p => p.Path == "metadata.name");
    }

    [Fact]
    public void Every_yaml_file_in_the_corpus_parses()
    {
        var files = Directory.GetFiles(Corpus.Root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .ToList();

        var problems = files.SelectMany(f => EntityYamlReader.Read(File.ReadAllText(f)).SelectMany(d => d.Problems).Select(p => $"{f}: {p}"));

        Assert.Equal(99, files.Count);
        Assert.Equal([], problems.Where(p => !p.Contains("mkdocs.yml", StringComparison.Ordinal)));
    }

    private static List<EntityRelation> UniqueRelations(IEnumerable<WalkedEntity> entities)
    {
        var seen = new HashSet<EntityRelation>();
        return [.. entities.SelectMany(e => RelationBuilder.Build(e.Entity).Relations).Where(seen.Add)];
    }

    private static string CountBy(IEnumerable<string> values) =>
        string.Join(", ", values.GroupBy(v => v).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));

    private sealed class RelativeFileReader(string directory) : IPlaceholderReader
    {
        public Task<string> ReadAsync(string target, CancellationToken cancellationToken)
        {
            var path = Path.GetFullPath(Path.Combine(directory, target));
            return File.Exists(path)
                ? File.ReadAllTextAsync(path, cancellationToken)
                : throw new PlaceholderReadException($"{target} does not exist");
        }
    }
}
