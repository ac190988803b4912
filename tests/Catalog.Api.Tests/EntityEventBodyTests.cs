using System.Text.Json;
using System.Text.Json.Serialization;
using Catalog.Api.Infrastructure.Writes;
using Npgsql;
using Portal.Contracts;
using Portal.Contracts.Catalog.V1;
using Portal.Testing;
using Xunit;

namespace Catalog.Api.Tests;

/// <summary>
/// The contract test of the catalog's one event-body writer: every form it writes — the C# body of copied rows and the
/// SQL bodies of the set-based statements, run on real PostgreSQL — reads into the contract records with every
/// property present, none unknown, and the values written.
/// </summary>
public sealed class EntityEventBodyTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private static readonly Guid Uid = Guid.Parse("5b1c3f0e-8f1e-4a55-9d55-0c6f0b7c1a11");

    [Theory]
    [InlineData("ledger", "Component")]
    [InlineData("Tëam \"quoted\" <b>", "Group")]
    public void A_spliced_change_body_is_the_text_the_serializer_writes_for_the_contract(string name, string kind)
    {
        var occurredAt = new DateTimeOffset(2026, 11, 27, 5, 30, 1, 123, TimeSpan.Zero).AddTicks(4567);
        var served = Served(kind, name);
        var entityRef = $"{kind.ToLowerInvariant()}:default/{name}";

        var body = EntityEventBodies.Change(entityRef, kind, "default", name, Uid, "0123abcd", 42, served, occurredAt);

        var expected = JsonSerializer.Serialize(
            new EntityRegistered(entityRef, kind, "default", name, Uid.ToString(), "0123abcd", 42, JsonElement.Parse(served), occurredAt),
            Strict);
        Assert.Equal(expected, body);
        var read = JsonSerializer.Deserialize<EntityUpdated>(body, Strict)!;
        Assert.Equal(name, read.Entity.GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal(occurredAt, read.OccurredAt);
    }

    [Theory]
    [InlineData("ledger", "Component", "team-a")]
    [InlineData("Tëam \"quoted\" <b>", "Group", "default")]
    public async Task The_set_based_change_body_reads_into_both_change_records(string name, string kind, string entityNamespace)
    {
        var served = Served(kind, name);
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        var body = await EvaluateAsync(
            $"SELECT {EntityEventBodies.ChangeSql("u")} FROM (SELECT @kind AS kind, @namespace AS namespace, @name AS name, "
            + "@id AS id, @etag AS etag, @generation::bigint AS generation, @served AS final_json) u",
            ("kind", kind), ("namespace", entityNamespace), ("name", name), ("id", Uid), ("etag", "0123abcd"), ("generation", 42L), ("served", served));

        foreach (var read in new IEntityEvent[] { JsonSerializer.Deserialize<EntityRegistered>(body, Strict)!, JsonSerializer.Deserialize<EntityUpdated>(body, Strict)! })
        {
            var change = read switch
            {
                EntityRegistered registered => (registered.Kind, registered.Namespace, registered.Name, registered.Uid, registered.Etag, registered.Entity, registered.OccurredAt),
                EntityUpdated updated => (updated.Kind, updated.Namespace, updated.Name, updated.Uid, updated.Etag, updated.Entity, updated.OccurredAt),
                _ => throw new InvalidOperationException(),
            };
            Assert.Equal($"{kind.ToLowerInvariant()}:{entityNamespace}/{name}", read.EntityRef);
            Assert.Equal((kind, entityNamespace, name, Uid.ToString(), "0123abcd"), (change.Kind, change.Namespace, change.Name, change.Uid, change.Etag));
            Assert.Equal(42, read.Generation);
            Assert.Equal(served, change.Entity.GetRawText());
            Assert.InRange(change.OccurredAt, before, DateTimeOffset.UtcNow.AddSeconds(5));
        }

        Assert.Equal(PropertyNames(typeof(EntityRegistered)), PropertyNames(body));
    }

    [Fact]
    public async Task The_removed_body_reads_into_the_removed_record()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        var body = await EvaluateAsync(
            $"SELECT {EntityEventBodies.RemovedSql("g", "@generation::bigint")} FROM (SELECT @kind AS kind, @namespace AS namespace, @name AS name, @id AS id) g",
            ("kind", "API"), ("namespace", "payments"), ("name", "ledger-api"), ("id", Uid), ("generation", 7L));

        var read = JsonSerializer.Deserialize<EntityRemoved>(body, Strict)!;
        Assert.Equal(("api:payments/ledger-api", "API", "payments", "ledger-api", Uid.ToString(), 7L),
            (read.EntityRef, read.Kind, read.Namespace, read.Name, read.Uid, read.Generation));
        Assert.InRange(read.OccurredAt, before, DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(PropertyNames(typeof(EntityRemoved)), PropertyNames(body));
    }

    private static string Served(string kind, string name) =>
        $$"""{"apiVersion":"backstage.io/v1alpha1","kind":{{JsonSerializer.Serialize(kind)}},"metadata":{"name":{{JsonSerializer.Serialize(name)}},"uid":"{{Uid}}"},"relations":[]}""";

    private async Task<string> EvaluateAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The names System.Text.Json writes for a record, sorted.</summary>
    private static string[] PropertyNames(Type record) =>
        record.GetConstructors().Single().GetParameters().Select(parameter => JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!)).Order().ToArray();

    private static string[] PropertyNames(string body) =>
        JsonDocument.Parse(body).RootElement.EnumerateObject().Select(property => property.Name).Order().ToArray();
}
