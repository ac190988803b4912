using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Portal.Testing;
using Xunit;

namespace Search.Api.Tests;

/// <summary>Two replicas of the search service on one database and one broker.</summary>
[Collection(SearchCollection.Name)]
public sealed class SearchReplicaTests(SearchApp app)
{
    private const string Prefix = "component:default/replica-";
    private const int Entities = 20;

    [Fact]
    public async Task Two_replicas_consume_each_event_once_and_run_one_of_two_reindex_requests()
    {
        // A live index that is not empty, so the second replica does not rebuild as it starts.
        await app.PublishAsync(Events.Registered("Component", "replica-warm", 1, Events.Entity("Component", "replica-warm", "Warms the fjord index")));
        await app.QueryUntilAsync("term=fjord", r => r.GetArrayLength() == 1, "the first replica indexing");
        var secondConsumed = new ReplicaConsumedEvents();
        await using var replica = app.StartReplica(secondConsumed);
        var second = replica.CreateAutomationClient(app.Identity);
        await Eventually.GetAsync(async () => (await second.GetAsync("/health")).IsSuccessStatusCode, ok => ok, TimeSpan.FromSeconds(60), "the second replica");

        for (var i = 0; i < Entities; i++)
        {
            var name = $"replica-{i}";
            await app.PublishAsync(Events.Registered("Component", name, 1, Events.Entity("Component", name, "Charts fjord soundings")));
            await app.PublishAsync(Events.Updated("Component", name, 2, Events.Entity("Component", name, $"Charts fjord depths {i}")));
        }

        var consumed = await Eventually.GetAsync(() => Task.FromResult(app.Consumed.About(Prefix)), c => c.Values.Sum() >= 2 * Entities + 1,
            TimeSpan.FromSeconds(30), "every event consumed");
        await Task.Delay(TimeSpan.FromSeconds(1));
        consumed = app.Consumed.About(Prefix);
        // Each event consumed once, by one replica or the other, and each replica took some.
        Assert.Equal(2 * Entities + 1, consumed.Count);
        Assert.All(consumed, count => Assert.Equal(1, count.Value));
        var bySecond = secondConsumed.About(Prefix).Values.Sum();
        Assert.InRange(bySecond, 1, 2 * Entities);

        // Each entity is one document, at its newest version, whichever replica applied which event.
        await app.QueryUntilAsync("term=depths", r => r.GetArrayLength() == Entities, "every entity at generation 2");
        await using (var connection = new NpgsqlConnection(app.SearchConnectionString))
        {
            await connection.OpenAsync();
            await using var documents = new NpgsqlCommand("""
                SELECT count(*), count(DISTINCT entity_ref) FROM search_documents
                WHERE entity_ref LIKE 'component:default/replica-%' AND entity_ref <> 'component:default/replica-warm'
                  AND index_generation = (SELECT id FROM index_generations WHERE state = 'live')
                """, connection);
            await using var reader = await documents.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(Entities, reader.GetInt64(0));
            Assert.Equal(Entities, reader.GetInt64(1));
        }

        // A rebuild asked of both replicas at once: one claims it and runs it, the other reports it.
        await Eventually.GetAsync(app.StatusAsync, s => s.GetProperty("building").ValueKind == JsonValueKind.Null, TimeSpan.FromSeconds(60), "no rebuild running");
        var before = (await app.StatusAsync()).GetProperty("live").GetProperty("generation").GetInt32();
        var answers = await Task.WhenAll(new[] { app.Http, second }.Select(client => client.PostAsync("/api/search/reindex", JsonContent.Create(new { }))));
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode));
        var started = (await Task.WhenAll(answers.Select(answer => answer.Content.ReadFromJsonAsync<JsonElement>())))
            .Count(body => body.GetProperty("started").GetBoolean());
        Assert.Equal(1, started);
        var status = await Eventually.GetAsync(app.StatusAsync, s => s.GetProperty("building").ValueKind == JsonValueKind.Null
            && s.GetProperty("live").GetProperty("generation").GetInt32() > before, TimeSpan.FromSeconds(60), "the rebuild to go live");
        await using (var connection = new NpgsqlConnection(app.SearchConnectionString))
        {
            await connection.OpenAsync();
            await using var generations = new NpgsqlCommand("SELECT count(*) FROM index_generations WHERE id > @before", connection);
            generations.Parameters.AddWithValue("before", before);
            Assert.Equal(1L, await generations.ExecuteScalarAsync());
        }

        Assert.Equal(before + 1, status.GetProperty("live").GetProperty("generation").GetInt32());
    }
}
