using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Subscriber.Example;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Portal.Contracts.Catalog.V1;
using Portal.Testing;
using Xunit;

namespace Catalog.Api.Tests;

/// <summary>
/// The example subscriber (another team's service) against the real catalog: it follows registrations, owner changes
/// and removals through its own queues, and a stale or duplicated event changes nothing.
/// </summary>
public sealed class SubscriberExampleTests(CatalogApp catalog) : IClassFixture<CatalogApp>, IAsyncLifetime
{
    private readonly PostgresDatabase _directoryDatabase = new();
    private WebApplication? _subscriber;
    private HttpClient _directory = null!;

    public async Task InitializeAsync()
    {
        await _directoryDatabase.InitializeAsync();
        _subscriber = SubscriberApp.Build([
            $"--ConnectionStrings:directory={_directoryDatabase.ConnectionString}",
            $"--ConnectionStrings:messaging={catalog.BrokerConnectionString}",
            "--urls=http://127.0.0.1:0",
        ]);
        await _subscriber.StartAsync();
        var address = _subscriber.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _directory = new HttpClient { BaseAddress = new Uri(address) };
    }

    [Fact]
    public async Task The_subscriber_follows_owners_and_ignores_stale_and_duplicate_events()
    {
        var file = catalog.WriteFile("subscriber/catalog-info.yaml", Components(ledgerOwner: "team-payments"));
        var location = await catalog.RegisterAsync(file);
        await OwnedAsync("group:default/team-payments", ["component:default/invoice-api", "component:default/ledger"]);

        catalog.WriteFile("subscriber/catalog-info.yaml", Components(ledgerOwner: "team-accounting"));
        await catalog.RefreshAsync(location);
        await OwnedAsync("group:default/team-accounting", ["component:default/ledger"]);
        await OwnedAsync("group:default/team-payments", ["component:default/invoice-api"]);

        // The first registration again (a redelivery) and an update older than what the directory holds.
        var ledger = (await catalog.GetEntityAsync("component", "ledger"))!.Value;
        var stale = new EntityUpdated("component:default/ledger", "Component", "default", "ledger",
            ledger.GetProperty("metadata").GetProperty("uid").GetString()!, "stale", Generation: 1,
            JsonSerializer.SerializeToElement(new { relations = new[] { new { type = "ownedBy", targetRef = "group:default/team-payments" } } }),
            DateTimeOffset.UtcNow);
        await catalog.PublishingBus.Publish(stale);
        await catalog.PublishingBus.Publish(stale);
        var marker = stale with { EntityRef = "component:default/marker", Name = "marker", Generation = long.MaxValue - 1 };
        await catalog.PublishingBus.Publish(marker);
        await OwnedAsync("group:default/team-payments", ["component:default/invoice-api", "component:default/marker"]);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(["component:default/ledger"], await OwnersOfAsync("group:default/team-accounting"));

        (await catalog.Http.DeleteAsync($"/api/catalog/locations/{location}")).EnsureSuccessStatusCode();
        await OwnedAsync("group:default/team-accounting", []);
        await OwnedAsync("group:default/team-payments", ["component:default/marker"]);
    }

    private async Task OwnedAsync(string owner, string[] expected) =>
        await Eventually.GetAsync(
            () => OwnersOfAsync(owner),
            refs => refs.SequenceEqual(expected),
            TimeSpan.FromSeconds(30),
            $"{owner} to own exactly {string.Join(", ", expected)}");

    private async Task<string[]> OwnersOfAsync(string owner) =>
        (await _directory.GetFromJsonAsync<string[]>($"/owners/{owner}"))!;

    private static string Components(string ledgerOwner) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: invoice-api
        spec:
          type: service
          lifecycle: production
          owner: team-payments
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: ledger
        spec:
          type: service
          lifecycle: production
          owner: {ledgerOwner}
        """;

    public async Task DisposeAsync()
    {
        _directory.Dispose();
        if (_subscriber is not null)
        {
            await _subscriber.StopAsync();
            await _subscriber.DisposeAsync();
        }

        await _directoryDatabase.DisposeAsync();
    }
}
