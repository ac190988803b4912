using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Testing;
using Xunit;
using CatalogEntryPoint = Catalog.Api.Infrastructure.CatalogDbContext;

namespace Catalog.Api.Tests;

/// <summary>
/// A replica that starts before its database can be used (issue 23's bad input): it stays up, says why it is not ready,
/// answers 503 instead of failing work half-way, and becomes ready by itself once the database is there.
/// </summary>
public sealed class StartWithoutDatabaseTests
{
    [Fact]
    public async Task A_replica_started_before_its_database_exists_stays_up_unready_and_serves_once_the_database_appears()
    {
        var database = new PostgresDatabase();
        var broker = new RabbitMqVirtualHost();
        await database.NameAsync();
        await broker.InitializeAsync();
        var identity = new TestIdentityProvider(broker);
        await identity.InitializeAsync();
        var root = Directory.CreateTempSubdirectory("portal-catalog-start-").FullName;
        var catalog = new WebApplicationFactory<CatalogEntryPoint>().WithWebHostBuilder(web =>
        {
            web.UseAuthenticationSettings(identity, "catalog");
            web.UseSetting("ConnectionStrings:catalogdb", database.ConnectionString);
            web.UseSetting("ConnectionStrings:messaging", broker.ConnectionString);
            web.UseSetting("Catalog:Locations:AllowedRoots:0", root);
        });
        try
        {
            var probe = catalog.CreateClient();
            var http = catalog.CreateAutomationClient(identity);

            using (var alive = await probe.GetAsync("/alive"))
            {
                Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
            }

            using (var health = await probe.GetAsync("/health"))
            {
                var report = await health.Content.ReadAsStringAsync();
                Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
                Assert.Contains("migrations of catalogdb failed", report, StringComparison.Ordinal);
                Assert.Contains("does not exist", report, StringComparison.Ordinal);
            }

            using (var entities = await http.GetAsync("/api/catalog/entities/by-query?limit=1"))
            {
                var problem = await entities.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(HttpStatusCode.ServiceUnavailable, entities.StatusCode);
                Assert.Equal("ServiceUnavailableError", problem.GetProperty("title").GetString());
                Assert.Contains("catalog is starting", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
                Assert.NotNull(entities.Headers.RetryAfter);
            }

            await database.CreateAsync();
            await Eventually.GetAsync(
                async () => (await probe.GetAsync("/health")).StatusCode, status => status == HttpStatusCode.OK,
                TimeSpan.FromSeconds(60), "the catalog's readiness once its database exists");

            // Migrated, and its refresh loop runs: a registration is ingested.
            await File.WriteAllTextAsync(Path.Combine(root, "catalog-info.yaml"), """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: { name: started-late }
                spec: { type: service, lifecycle: production, owner: team-a }
                """);
            using (var register = await http.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = Path.Combine(root, "catalog-info.yaml") }))
            {
                Assert.Equal(HttpStatusCode.Created, register.StatusCode);
            }

            await Eventually.GetAsync(
                async () => (await http.GetAsync("/api/catalog/entities/by-name/component/default/started-late")).StatusCode,
                status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the component registered after the late start");
        }
        finally
        {
            await catalog.DisposeAsync();
            await identity.DisposeAsync();
            await broker.DisposeAsync();
            await database.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }
}
