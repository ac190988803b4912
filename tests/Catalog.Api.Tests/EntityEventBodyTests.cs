using System.Text.Json;
using Catalog.Api.Processing;
using Portal.Contracts.Catalog.V1;
using Xunit;

namespace Catalog.Api.Tests;

/// <summary>Event bodies the catalog writes itself must read exactly as the contract records serialize.</summary>
public sealed class EntityEventBodyTests
{
    [Theory]
    [InlineData("ledger", "Component")]
    [InlineData("Tëam \"quoted\" <b>", "Group")]
    public void A_spliced_change_body_is_the_text_the_serializer_writes_for_the_contract(string name, string kind)
    {
        var uid = Guid.Parse("5b1c3f0e-8f1e-4a55-9d55-0c6f0b7c1a11");
        var occurredAt = new DateTimeOffset(2026, 11, 27, 5, 30, 1, 123, TimeSpan.Zero).AddTicks(4567);
        var served = $$"""{"apiVersion":"backstage.io/v1alpha1","kind":{{JsonSerializer.Serialize(kind)}},"metadata":{"name":{{JsonSerializer.Serialize(name)}},"uid":"{{uid}}"},"relations":[]}""";
        var entityRef = $"{kind.ToLowerInvariant()}:default/{name}";

        var body = EntityEvents.ChangeBody(entityRef, kind, "default", name, uid, "0123abcd", 42, served, occurredAt);

        var expected = JsonSerializer.Serialize(
            new EntityRegistered(entityRef, kind, "default", name, uid.ToString(), "0123abcd", 42, JsonElement.Parse(served), occurredAt),
            new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.Equal(expected, body);
        var read = JsonSerializer.Deserialize<EntityUpdated>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(name, read.Entity.GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal(occurredAt, read.OccurredAt);
    }
}
