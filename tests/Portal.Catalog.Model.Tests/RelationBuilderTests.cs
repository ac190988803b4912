using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class RelationBuilderTests
{
    [Fact]
    public void Derives_relations_and_their_reverses_from_spec_fields()
    {
        var entity = EntityYamlReader.Read("""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: { name: svc, namespace: shop }
            spec:
              type: service
              lifecycle: production
              owner: team-a
              system: payments
              providesApis: [pay-api]
              dependsOn: [resource:default/db]
            """)[0].Entity!;
        var result = RelationBuilder.Build(entity);
        var triples = result.Relations.Select(r => $"{r.Source.Key} {r.Type} {r.Target.Key}").ToList();

        Assert.Contains("component:shop/svc ownedBy group:shop/team-a", triples);
        Assert.Contains("group:shop/team-a ownerOf component:shop/svc", triples);
        Assert.Contains("component:shop/svc partOf system:shop/payments", triples);
        Assert.Contains("api:shop/pay-api apiProvidedBy component:shop/svc", triples);
        Assert.Contains("component:shop/svc dependsOn resource:default/db", triples);
        Assert.Equal(8, triples.Count);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void DependsOn_without_a_kind_is_a_problem_not_a_relation()
    {
        var entity = EntityYamlReader.Read("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a}\nspec: {type: s, lifecycle: l, owner: o, dependsOn: [db]}\n")[0].Entity!;
        var result = RelationBuilder.Build(entity);
        Assert.Equal("spec.dependsOn[0]", Assert.Single(result.Problems).Path);
        Assert.DoesNotContain(result.Relations, r => r.Type == RelationTypes.DependsOn);
    }
}
