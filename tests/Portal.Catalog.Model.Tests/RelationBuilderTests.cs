using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class RelationBuilderTests
{
    [Theory]
    [InlineData("Component", "owner: team-a", "ownedBy group:shop/team-a")]
    [InlineData("API", "owner: team-a", "ownedBy group:shop/team-a")]
    [InlineData("Resource", "owner: team-a", "ownedBy group:shop/team-a")]
    [InlineData("System", "owner: team-a", "ownedBy group:shop/team-a")]
    [InlineData("Domain", "owner: team-a", "ownedBy group:shop/team-a")]
    [InlineData("Template", "owner: team-a", "ownedBy group:shop/team-a")]
    [InlineData("Component", "system: payments", "partOf system:shop/payments")]
    [InlineData("API", "system: payments", "partOf system:shop/payments")]
    [InlineData("Resource", "system: payments", "partOf system:shop/payments")]
    [InlineData("System", "domain: commerce", "partOf domain:shop/commerce")]
    [InlineData("Domain", "subdomainOf: commerce", "partOf domain:shop/commerce")]
    [InlineData("Component", "subcomponentOf: checkout", "partOf component:shop/checkout")]
    [InlineData("Component", "dependsOn: [resource:db]", "dependsOn resource:shop/db")]
    [InlineData("Resource", "dependsOn: [resource:db]", "dependsOn resource:shop/db")]
    [InlineData("Component", "dependencyOf: [component:web]", "dependencyOf component:shop/web")]
    [InlineData("Resource", "dependencyOf: [component:web]", "dependencyOf component:shop/web")]
    [InlineData("Component", "providesApis: [pay-api]", "providesApi api:shop/pay-api")]
    [InlineData("Component", "consumesApis: [pay-api]", "consumesApi api:shop/pay-api")]
    [InlineData("User", "memberOf: [team-a]", "memberOf group:shop/team-a")]
    [InlineData("Group", "members: [jane]", "hasMember user:shop/jane")]
    [InlineData("Group", "parent: org", "childOf group:shop/org")]
    [InlineData("Group", "children: [team-b]", "parentOf group:shop/team-b")]
    public void Each_field_gives_its_relation_with_the_default_kind_and_the_entitys_namespace_and_its_reverse(string kind, string spec, string expected)
    {
        var self = $"{kind.ToLowerInvariant()}:shop/x";
        var (type, target) = (expected.Split(' ')[0], expected.Split(' ')[1]);

        var result = Build(kind, spec);

        Assert.Empty(result.Problems);
        Assert.Equal([$"{self} {type} {target}", $"{target} {RelationTypes.Reverse(type)} {self}"], Triples(result));
    }

    [Theory]
    [InlineData("User", "owner: team-a")]
    [InlineData("Group", "owner: team-a")]
    [InlineData("Location", "owner: team-a")]
    [InlineData("System", "system: s")]
    [InlineData("Component", "domain: d")]
    [InlineData("API", "providesApis: [a]")]
    [InlineData("Component", "memberOf: [g]")]
    [InlineData("Component", "apiConsumedBy: [component:x]")]
    [InlineData("Pipeline", "owner: team-a")]
    public void Fields_are_read_only_on_the_kinds_backstage_reads_them_on(string kind, string spec) =>
        Assert.Empty(Build(kind, spec).Relations);

    [Fact]
    public void Kinds_are_matched_exactly_as_in_backstage()
    {
        Assert.Empty(Build("component", "owner: team-a").Relations);
    }

    [Fact]
    public void An_explicit_kind_or_namespace_wins_over_the_defaults()
    {
        var result = Build("Component", "owner: user:other/jane\nconsumesApis: ['component:artist-lookup']");

        Assert.Contains("component:shop/x ownedBy user:other/jane", Triples(result));
        Assert.Contains("component:shop/x consumesApi component:shop/artist-lookup", Triples(result));
    }

    [Fact]
    public void DependsOn_without_a_kind_is_a_problem_not_a_relation()
    {
        var result = Build("Component", "dependsOn: [db, resource:cache]\ndependencyOf: [web]");

        Assert.Equal(["spec.dependsOn[0]", "spec.dependencyOf[0]"], result.Problems.Select(p => p.Path));
        Assert.Contains("\"db\" has no kind", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal(["component:shop/x dependsOn resource:shop/cache", "resource:shop/cache dependencyOf component:shop/x"], Triples(result));
    }

    [Fact]
    public void Problems_carry_their_position_when_a_source_map_is_given()
    {
        var document = Yaml.Document("apiVersion: v1\nkind: Component\nmetadata: {name: x}\nspec:\n  dependsOn:\n    - db\n");

        var problem = Assert.Single(RelationBuilder.Build(document.Entity!, document.Map).Problems);

        Assert.Equal(("spec.dependsOn[0]", 6, 7), (problem.Path, problem.Line, problem.Column));
    }

    [Fact]
    public void Unreadable_refs_are_problems_and_the_rest_still_count()
    {
        var result = Build("Group", "children: [ok, 3, 'component:', '']\nparent: ''");

        Assert.Equal(["spec.children[1]", "spec.children[2]", "spec.children[3]"], result.Problems.Select(p => p.Path));
        Assert.Equal(2, result.Relations.Count);
    }

    [Fact]
    public void A_single_ref_or_a_list_is_accepted_for_any_field()
    {
        Assert.Equal(2, Build("User", "memberOf: team-a").Relations.Count);
        Assert.Equal(4, Build("Component", "owner: team-a\nsystem: [s]").Relations.Count);
    }

    [Fact]
    public void Relations_are_deduplicated_case_insensitively()
    {
        var result = Build("Group", "children: [team-b, Team-B, group:shop/team-b]\nmembers: [jane, User:Shop/Jane]");

        Assert.Equal(
            [
                "group:shop/x hasMember user:shop/jane",
                "user:shop/jane memberOf group:shop/x",
                "group:shop/x parentOf group:shop/team-b",
                "group:shop/team-b childOf group:shop/x",
            ],
            Triples(result));
    }

    [Fact]
    public void Relations_keep_the_case_they_were_written_in()
    {
        var relation = Build("Component", "owner: Group:Shop/Team-A").Relations[0];

        Assert.Equal("group:Shop/Team-A", relation.Target.ToString());
        Assert.Equal(new EntityRef("group", "shop", "team-a"), relation.Target);
    }

    [Fact]
    public void An_entity_without_spec_has_no_relations()
    {
        var result = RelationBuilder.Build(Yaml.Entity("apiVersion: v1\nkind: Component\nmetadata:\n  name: x\n"));

        Assert.Empty(result.Relations);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void An_entity_without_kind_or_name_is_a_problem()
    {
        Assert.Equal("metadata.name", Assert.Single(RelationBuilder.Build(Yaml.Entity("kind: Component\n")).Problems).Path);
        Assert.Equal("kind", Assert.Single(RelationBuilder.Build(Yaml.Entity("metadata: {name: x}\n")).Problems).Path);
    }

    private static RelationBuildResult Build(string kind, string spec) => RelationBuilder.Build(Yaml.Entity($"""
        apiVersion: backstage.io/v1alpha1
        kind: {kind}
        metadata:
          name: x
          namespace: shop
        spec:
        {string.Join('\n', spec.Split('\n').Select(line => "  " + line))}
        """));

    private static List<string> Triples(RelationBuildResult result) =>
        [.. result.Relations.Select(r => $"{r.Source.Key} {r.Type} {r.Target.Key}")];
}
