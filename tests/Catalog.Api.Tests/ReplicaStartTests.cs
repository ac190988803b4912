using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Testing;
using Xunit;
using CatalogEntryPoint = Catalog.Api.Infrastructure.CatalogDbContext;

namespace Catalog.Api.Tests;

/// <summary>Replicas of the catalog starting at once on a fresh database, as the AppHost starts them with AppHost:Replicas=2.</summary>
public sealed class ReplicaStartTests
{
    [Fact]
    public async Task Three_replicas_starting_together_on_a_fresh_database_all_migrate_it_and_serve()
    {
        var database = new PostgresDatabase();
        var broker = new RabbitMqVirtualHost();
        await database.InitializeAsync();
        await broker.InitializeAsync();
        var identity = new TestIdentityProvider(broker);
        await identity.InitializeAsync();
        var replicas = Enumerable.Range(0, 3).Select(_ => new WebApplicationFactory<CatalogEntryPoint>().WithWebHostBuilder(web =>
        {
            web.UseAuthenticationSettings(identity, "catalog");
            web.UseSetting("ConnectionStrings:catalogdb", database.ConnectionString);
            web.UseSetting("ConnectionStrings:messaging", broker.ConnectionString);
            web.UseSetting("Catalog:Locations:AllowedRoots:0", Path.GetTempPath());
        })).ToList();
        try
        {
            // Each replica migrates while it starts; they start on threads of their own, at the same moment.
            var clients = await Task.WhenAll(replicas.Select(replica => Task.Run(() => replica.CreateAutomationClient(identity))));
            foreach (var client in clients)
            {
                using var entities = await client.GetAsync("/api/catalog/entities/by-query?limit=1");
                Assert.True(entities.IsSuccessStatusCode, $"a replica answered {(int)entities.StatusCode}");
            }
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }

            await identity.DisposeAsync();
            await broker.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
