using Npgsql;
using Portal.Permissions;
using Portal.Permissions.Sql;
using Xunit;

namespace Search.Api.Tests;

/// <summary>
/// Every condition, translated to SQL by <see cref="ConditionSql"/> and run by PostgreSQL over the columns the search
/// documents and the docs service's stored entities use, decides as <see cref="PermissionCondition.IsMetBy"/> does.
/// </summary>
[Collection(SearchCollection.Name)]
public sealed class ConditionSqlTests(SearchApp app)
{
    private static readonly string[] Ownership = ["user:default/olive", "group:default/team-owl"];

    private static readonly EntityFacts Feeder = new("component:default/owl-feeder", "Component", "service",
        ["group:default/team-owl"], ["system:default/nest"],
        new Dictionary<string, string> { ["backstage.io/techdocs-ref"] = "dir:.", ["tier"] = "1" },
        new Dictionary<string, string> { ["env"] = "prod" });

    private static readonly EntityFacts Bare = new("resource:default/bucket", "Resource", null, [], [],
        new Dictionary<string, string>(), new Dictionary<string, string>());

    public static TheoryData<string, PermissionCondition> Conditions => new()
    {
        { "owner", new IsEntityOwner() },
        { "kind", new IsEntityKind(["component", "API"]) },
        { "spec type", new HasSpecType(["SERVICE"]) },
        { "not spec type", new Not(new HasSpecType(["service"])) },
        { "system", new IsInSystem("system:default/Nest") },
        { "annotation", new HasAnnotation("backstage.io/techdocs-ref", null) },
        { "annotation value", new HasAnnotation("tier", "1") },
        { "annotation other value", new HasAnnotation("tier", "2") },
        { "label", new HasLabel("env", "prod") },
        { "not label", new Not(new HasLabel("env", null)) },
        { "all", new AllOf([new IsEntityOwner(), new IsInSystem("system:default/nest")]) },
        { "any", new AnyOf([new IsEntityKind(["resource"]), new HasLabel("env", "dev")]) },
        { "empty all", new AllOf([]) },
        { "empty any", new AnyOf([]) },
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public async Task Sql_decides_as_the_condition_does_for_each_entity(string name, PermissionCondition condition)
    {
        foreach (var entity in new[] { Feeder, Bare })
        {
            var expected = condition.IsMetBy(entity, Ownership);
            Assert.True(expected == await ColumnsAsync(condition, entity), $"{name} over columns, {entity.EntityRef}: expected {expected}");
            Assert.True(expected == await JsonbAsync(condition, entity), $"{name} over a stored entity, {entity.EntityRef}: expected {expected}");
        }
    }

    private async Task<bool> ColumnsAsync(PermissionCondition condition, EntityFacts entity)
    {
        var sql = ConditionSql.For(new PolicyDecision(DecisionResult.Conditional, "catalog.entity.read", "r", 1, condition), Ownership,
            new EntityFactColumns("e.kind", "e.spec_type", "e.owner_refs", "e.system_refs", "e.annotations", "e.labels"));
        await using var command = new NpgsqlCommand(
            $"SELECT {sql.Sql} FROM (SELECT @kind::text AS kind, @type::text AS spec_type, @owners::text[] AS owner_refs, " +
            $"@systems::text[] AS system_refs, @annotations::jsonb AS annotations, @labels::jsonb AS labels) e");
        command.Parameters.AddWithValue("kind", entity.Kind);
        command.Parameters.AddWithValue("type", (object?)entity.SpecType ?? DBNull.Value);
        command.Parameters.AddWithValue("owners", entity.OwnedBy.ToArray());
        command.Parameters.AddWithValue("systems", entity.PartOf.ToArray());
        command.Parameters.AddWithValue("annotations", System.Text.Json.JsonSerializer.Serialize(entity.Annotations));
        command.Parameters.AddWithValue("labels", System.Text.Json.JsonSerializer.Serialize(entity.Labels));
        return await RunAsync(command, sql);
    }

    private async Task<bool> JsonbAsync(PermissionCondition condition, EntityFacts entity)
    {
        var sql = ConditionSql.For(new PolicyDecision(DecisionResult.Conditional, "techdocs.read", "r", 1, condition), Ownership,
            EntityFactColumns.OfJsonb("d.entity"));
        var json = new Dictionary<string, object?>
        {
            ["kind"] = entity.Kind,
            ["metadata"] = new { name = "x", annotations = entity.Annotations, labels = entity.Labels },
            ["spec"] = new { type = entity.SpecType },
            ["relations"] = entity.OwnedBy.Select(r => new { type = "ownedBy", targetRef = r })
                .Concat(entity.PartOf.Select(r => new { type = "partOf", targetRef = r })).ToArray(),
        };
        await using var command = new NpgsqlCommand($"SELECT {sql.Sql} FROM (SELECT @entity::jsonb AS entity) d");
        command.Parameters.AddWithValue("entity", System.Text.Json.JsonSerializer.Serialize(json));
        return await RunAsync(command, sql);
    }

    private async Task<bool> RunAsync(NpgsqlCommand command, ConditionSql sql)
    {
        foreach (var (name, value) in sql.Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var connection = new NpgsqlConnection(app.SearchConnectionString);
        await connection.OpenAsync();
        command.Connection = connection;
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
