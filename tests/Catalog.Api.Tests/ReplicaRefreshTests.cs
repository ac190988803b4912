using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Portal.Contracts;
using Portal.Contracts.Catalog.V1;
using Xunit;

namespace Catalog.Api.Tests;

/// <summary>Two replicas of the catalog on one database and one broker: refreshes and their events.</summary>
public sealed class ReplicaRefreshTests(ReplicatedCatalogApp app) : IClassFixture<ReplicatedCatalogApp>
{
    private const int Locations = 6;
    private const int Rounds = 2;

    [Fact]
    public async Task Refreshes_asked_of_two_replicas_run_once_each_and_their_events_leave_once_in_order()
    {
        // A subscriber that takes one message at a time, so what it records is the order the broker got them in.
        var received = new ConcurrentQueue<IEntityEvent>();
        var subscriber = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(app.BrokerConnectionString.Replace("amqp://", "rabbitmq://", StringComparison.Ordinal)));
            rabbit.ReceiveEndpoint("test-replica-order", endpoint =>
            {
                endpoint.PrefetchCount = 1;
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.Handler<EntityRegistered>(context => Record(context.Message));
                endpoint.Handler<EntityUpdated>(context => Record(context.Message));
            });
        });
        await subscriber.StartAsync();
        try
        {
            HttpClient[] replicas = [app.Http, app.StartReplica()];
            var ids = new Guid[Locations];
            for (var i = 0; i < Locations; i++)
            {
                var response = await replicas[i % 2].PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = WriteLocation(i, round: 0) });
                response.EnsureSuccessStatusCode();
                ids[i] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("location").GetProperty("id").GetGuid();
            }

            foreach (var id in ids)
            {
                await app.WaitForRefreshAsync(id, DateTimeOffset.MinValue);
            }

            for (var round = 1; round <= Rounds; round++)
            {
                var before = await Task.WhenAll(ids.Select(async id =>
                    (await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{id}")).GetProperty("lastRefreshedAt").GetDateTimeOffset()));
                for (var i = 0; i < Locations; i++)
                {
                    WriteLocation(i, round);
                }

                var asked = await Task.WhenAll(ids.Select((id, i) => replicas[(i + round) % 2].PostAsJsonAsync("/api/catalog/refresh", new { locationId = id })));
                Assert.All(asked, response => response.EnsureSuccessStatusCode());
                for (var i = 0; i < Locations; i++)
                {
                    await app.WaitForRefreshAsync(ids[i], before[i]);
                }
            }

            // Every refresh was done once, by one replica, and both replicas did some.
            var folder = $"Refreshed file:{Path.Combine(app.Root, "replicas")}";
            var refreshes = app.Logs.Select(log => log.Count(line => line.Contains(folder, StringComparison.Ordinal))).ToList();
            Assert.Equal(2, refreshes.Count);
            Assert.Equal(Locations * (1 + Rounds), refreshes.Sum());
            Assert.All(refreshes, count => Assert.True(count > 0, $"a replica did no refresh: {string.Join(", ", refreshes)}"));

            // Every change announced once, and each entity's events in the order they happened (the outbox has one leader).
            await Portal.Testing.Eventually.GetAsync(() => Task.FromResult(Ours().Count), n => n >= Locations * (1 + Rounds),
                TimeSpan.FromSeconds(30), "every entity event");
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal(Locations * (1 + Rounds), Ours().Count);
            for (var i = 0; i < Locations; i++)
            {
                var events = Ours().Where(e => e.EntityRef == $"component:default/refreshed-{i}").ToList();
                Assert.Equal(Enumerable.Range(0, 1 + Rounds).Select(round => $"Refreshed in round {round}"), events.Select(Description));
                Assert.Equal(events.Select(e => e.Generation).Order(), events.Select(e => e.Generation));
                Assert.IsType<EntityRegistered>(events[0]);
                Assert.All(events.Skip(1), e => Assert.IsType<EntityUpdated>(e));
            }
        }
        finally
        {
            await subscriber.StopAsync();
        }

        List<IEntityEvent> Ours() => received.Where(e => e.EntityRef.StartsWith("component:default/refreshed-", StringComparison.Ordinal)).ToList();

        Task Record(IEntityEvent message)
        {
            received.Enqueue(message);
            return Task.CompletedTask;
        }
    }

    private static string? Description(IEntityEvent change) => change switch
    {
        EntityRegistered registered => registered.Entity.GetProperty("metadata").GetProperty("description").GetString(),
        EntityUpdated updated => updated.Entity.GetProperty("metadata").GetProperty("description").GetString(),
        _ => null,
    };

    private string WriteLocation(int index, int round) => app.WriteFile($"replicas/location-{index}.yaml", $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: refreshed-{index}
          description: Refreshed in round {round}
        spec:
          type: service
          lifecycle: production
          owner: team-a
        """);
}
