using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Api.Infrastructure.Writes;
using Portal.Contracts.Catalog.V1;
using Portal.Testing;
using Xunit;

namespace Catalog.Api.Tests;

/// <summary>
/// The catalog kept as Backstage keeps it: an entity has one owning location, a second one declaring it gets a conflict
/// and changes nothing, a deleted entity its location still declares comes back, and every count stays exact.
/// </summary>
public sealed class LocationIntegrityTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    private static string Component(string name, string owner) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: service
          lifecycle: production
          owner: {owner}
        """;

    private static string Group(string name, string? parent = null) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: {name}
        spec:
          type: team
          children: []{(parent is null ? "" : $"\n  parent: {parent}")}
        """;

    private async Task<JsonElement> LocationAsync(Guid id) => await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{id}");

    private async Task<Guid?> OwnerOfAsync(string kind, string name)
    {
        var response = await app.Http.GetAsync($"/api/catalog/locations/by-entity/{kind}/default/{name}");
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The Location entity the catalog generates for a registered file location.</summary>
    private async Task<JsonElement> GeneratedLocationEntityAsync(string file)
    {
        var found = await app.Http.GetFromJsonAsync<JsonElement>(
            $"/api/catalog/entities/by-query?filter=kind=location,spec.target={Uri.EscapeDataString(file)}");
        return Assert.Single(found.GetProperty("items").EnumerateArray());
    }

    private static List<string> StatusErrors(JsonElement entity) =>
        entity.TryGetProperty("status", out var status)
            ? status.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("error").GetProperty("name").GetString()!).ToList()
            : [];

    [Fact]
    public async Task A_second_location_declaring_an_owned_entity_gets_a_conflict_and_changes_nothing_until_the_first_is_deleted()
    {
        var first = app.WriteFile("integrity-conflict/first.yaml", Component("integrity-contested", owner: "team-first"));
        // The same entity, its name in another case: refs compare case-insensitively.
        var second = app.WriteFile("integrity-conflict/second.yaml", Component("Integrity-Contested", owner: "team-second"));
        var firstId = await app.RegisterAsync(first);
        var before = (await app.GetEntityAsync("component", "integrity-contested"))!.Value;
        var uid = before.GetProperty("metadata").GetProperty("uid").GetString();
        await Eventually.GetAsync(() => Task.FromResult(app.Events.OfType<EntityRegistered>().Count(e => e.Uid == uid)), n => n == 1,
            TimeSpan.FromSeconds(20), "EntityRegistered for the contested entity");

        var secondId = await app.RegisterAsync(second);

        var loser = await LocationAsync(secondId);
        var conflict = Assert.Single(loser.GetProperty("errors").EnumerateArray());
        Assert.Equal("ConflictError", conflict.GetProperty("kind").GetString());
        Assert.Equal("component:default/Integrity-Contested", conflict.GetProperty("entityRef").GetString());
        Assert.Equal($"file:{second}", conflict.GetProperty("location").GetString());
        var message = conflict.GetProperty("message").GetString()!;
        Assert.StartsWith("conflicting entityRef component:default/Integrity-Contested: it is already owned by location file:" + first, message, StringComparison.Ordinal);
        // The loser owns only its own generated Location entity; the winner its Location entity and the component.
        Assert.Equal(1, loser.GetProperty("entityCount").GetInt32());
        var winner = await LocationAsync(firstId);
        Assert.Equal(2, winner.GetProperty("entityCount").GetInt32());
        Assert.Empty(winner.GetProperty("errors").EnumerateArray());

        var after = (await app.GetEntityAsync("component", "integrity-contested"))!.Value;
        Assert.Equal("team-first", after.GetProperty("spec").GetProperty("owner").GetString());
        Assert.Equal(before.GetProperty("metadata").GetProperty("etag").GetString(), after.GetProperty("metadata").GetProperty("etag").GetString());
        Assert.Equal(firstId, await OwnerOfAsync("component", "INTEGRITY-contested"));
        // Shown where Backstage shows a location's processing errors: on its Location entity.
        Assert.Equal(["ConflictError"], StatusErrors(await GeneratedLocationEntityAsync(second)));
        Assert.Empty(StatusErrors(await GeneratedLocationEntityAsync(first)));

        // A scheduled refresh of the loser reports the conflict again and still changes nothing.
        loser = await app.RefreshAllAsync(secondId);
        Assert.Equal("ConflictError", Assert.Single(loser.GetProperty("errors").EnumerateArray()).GetProperty("kind").GetString());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(app.Events, e => e.EntityRef == "component:default/integrity-contested");

        Assert.Equal(HttpStatusCode.NoContent, (await app.Http.DeleteAsync($"/api/catalog/locations/{firstId}")).StatusCode);
        Assert.Null(await app.GetEntityAsync("component", "integrity-contested"));

        loser = await app.RefreshAllAsync(secondId);
        Assert.Empty(loser.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, loser.GetProperty("entityCount").GetInt32());
        var takenOver = (await app.GetEntityAsync("component", "integrity-contested"))!.Value;
        Assert.Equal("team-second", takenOver.GetProperty("spec").GetProperty("owner").GetString());
        Assert.Equal(secondId, await OwnerOfAsync("component", "integrity-contested"));
        Assert.Empty(StatusErrors(await GeneratedLocationEntityAsync(second)));
    }

    [Fact]
    public async Task When_the_owner_stops_declaring_the_entity_the_second_location_takes_it_over_on_its_next_refresh()
    {
        var first = app.WriteFile("integrity-handover/first.yaml", Component("integrity-handed-over", owner: "team-first"));
        var second = app.WriteFile("integrity-handover/second.yaml", Component("integrity-handed-over", owner: "team-second"));
        var firstId = await app.RegisterAsync(first);
        var secondId = await app.RegisterAsync(second);
        Assert.Equal("ConflictError", Assert.Single((await LocationAsync(secondId)).GetProperty("errors").EnumerateArray()).GetProperty("kind").GetString());

        app.WriteFile("integrity-handover/first.yaml", Group("integrity-handover-team"));
        var owner = await app.RefreshAsync(firstId);
        Assert.Equal(2, owner.GetProperty("entityCount").GetInt32());
        var orphan = (await app.GetEntityAsync("component", "integrity-handed-over"))!.Value;
        Assert.Equal("true", orphan.GetProperty("metadata").GetProperty("annotations").GetProperty("backstage.io/orphan").GetString());

        var taker = await app.RefreshAllAsync(secondId);
        Assert.Empty(taker.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, taker.GetProperty("entityCount").GetInt32());
        var taken = (await app.GetEntityAsync("component", "integrity-handed-over"))!.Value;
        Assert.Equal("team-second", taken.GetProperty("spec").GetProperty("owner").GetString());
        Assert.False(taken.GetProperty("metadata").GetProperty("annotations").TryGetProperty("backstage.io/orphan", out _));
        Assert.Equal(secondId, await OwnerOfAsync("component", "integrity-handed-over"));
        Assert.Equal(2, (await LocationAsync(firstId)).GetProperty("entityCount").GetInt32());
    }

    [Fact]
    public async Task An_entity_deleted_while_its_location_declares_it_comes_back_on_the_next_refresh_with_exact_counts()
    {
        var file = app.WriteFile("integrity-restore/catalog-info.yaml",
            Component("integrity-restored", owner: "team-a") + "\n---\n" + Component("integrity-kept", owner: "team-a"));
        var id = await app.RegisterAsync(file);
        Assert.Equal(3, (await LocationAsync(id)).GetProperty("entityCount").GetInt32());
        var deleted = (await app.GetEntityAsync("component", "integrity-restored"))!.Value.GetProperty("metadata").GetProperty("uid").GetString();

        Assert.Equal(HttpStatusCode.NoContent, (await app.Http.DeleteAsync($"/api/catalog/entities/by-uid/{deleted}")).StatusCode);
        Assert.Null(await app.GetEntityAsync("component", "integrity-restored"));
        Assert.Equal(2, (await LocationAsync(id)).GetProperty("entityCount").GetInt32());

        // The schedule's refresh, which skips input it has seen unchanged, still brings the entity back.
        var location = await app.RefreshAllAsync(id);
        Assert.Equal(3, location.GetProperty("entityCount").GetInt32());
        Assert.Empty(location.GetProperty("errors").EnumerateArray());
        var restored = (await app.GetEntityAsync("component", "integrity-restored"))!.Value;
        Assert.NotEqual(deleted, restored.GetProperty("metadata").GetProperty("uid").GetString());
        Assert.Equal(id, await OwnerOfAsync("component", "integrity-restored"));
        Assert.NotNull(await app.GetEntityAsync("component", "integrity-kept"));
        var events = await Eventually.GetAsync(
            () => Task.FromResult(app.Events.Where(e => e.EntityRef == "component:default/integrity-restored").ToList()),
            list => list.Count >= 3, TimeSpan.FromSeconds(20), "registered, removed and registered again");
        Assert.Equal(2, events.OfType<EntityRegistered>().Count());
        Assert.Single(events.OfType<EntityRemoved>());
    }

    [Fact]
    public async Task Relation_target_refs_are_served_lower_cased_and_looked_up_in_any_case()
    {
        var file = app.WriteFile("integrity-case/catalog-info.yaml",
            Group("Northwind") + "\n---\n" + Group("Northwind-Sales", parent: "Northwind") + "\n---\n" + Component("Ledger-UI", owner: "Northwind"));
        await app.RegisterAsync(file);

        var sales = (await app.GetEntityAsync("group", "northwind-sales"))!.Value;
        Assert.Contains(sales.GetProperty("relations").EnumerateArray(),
            r => r.GetProperty("type").GetString() == "childOf" && r.GetProperty("targetRef").GetString() == "group:default/northwind");
        var northwind = (await app.GetEntityAsync("group", "NORTHWIND"))!.Value;
        Assert.Equal(
            ["ownerOf component:default/ledger-ui", "parentOf group:default/northwind-sales"],
            northwind.GetProperty("relations").EnumerateArray().Select(r => $"{r.GetProperty("type").GetString()} {r.GetProperty("targetRef").GetString()}"));
        // The entity's own name keeps its declared case.
        Assert.Equal("Northwind", northwind.GetProperty("metadata").GetProperty("name").GetString());

        var owned = await app.Http.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-query?filter=relations.ownedBy=Group:default/NorthWind");
        Assert.Equal("Ledger-UI", Assert.Single(owned.GetProperty("items").EnumerateArray()).GetProperty("metadata").GetProperty("name").GetString());

        var ancestry = await app.Http.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-name/component/default/ledger-ui/ancestry");
        Assert.Equal("component:default/ledger-ui", ancestry.GetProperty("rootEntityRef").GetString());
        var parent = Assert.Single(ancestry.GetProperty("items")[0].GetProperty("parentEntityRefs").EnumerateArray()).GetString()!;
        Assert.Equal(parent.ToLowerInvariant(), parent);
    }

    [Fact]
    public async Task The_location_of_an_entity_is_found_by_its_name_and_an_unknown_entity_is_a_404_problem()
    {
        var file = app.WriteFile("integrity-by-entity/catalog-info.yaml", Component("integrity-located", owner: "team-a"));
        var id = await app.RegisterAsync(file);

        var found = await app.Http.GetFromJsonAsync<JsonElement>("/api/catalog/locations/by-entity/Component/default/integrity-located");
        Assert.Equal(
            ["id", "type", "target"],
            found.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, found.GetProperty("id").GetGuid());
        Assert.Equal("file", found.GetProperty("type").GetString());
        Assert.Equal(file, found.GetProperty("target").GetString());

        var missing = await app.Http.GetAsync("/api/catalog/locations/by-entity/component/default/integrity-nowhere");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("component:default/integrity-nowhere", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_outside_the_allowed_roots_is_named_with_the_setting_that_allows_it_and_no_configured_root()
    {
        var response = await app.Http.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = "/srv/elsewhere/catalog-info.yaml" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Equal(
            "file target '/srv/elsewhere/catalog-info.yaml' is not under an allowed root: an operator can allow it by adding a folder that holds it to Catalog:Locations:AllowedRoots",
            detail);
        Assert.DoesNotContain(app.Root, detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Corpus.Root, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbolic_link_out_of_the_root_is_refused_without_naming_the_root()
    {
        var outside = Directory.CreateTempSubdirectory("portal-integrity-outside-").FullName;
        File.WriteAllText(Path.Combine(outside, "catalog-info.yaml"), Component("integrity-linked", owner: "team-a"));
        var link = Path.Combine(app.Root, "integrity-link.yaml");
        File.CreateSymbolicLink(link, Path.Combine(outside, "catalog-info.yaml"));

        var response = await app.Http.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = link });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Contains("is not under an allowed root", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Corpus.Root, detail, StringComparison.Ordinal);
        Assert.Null(await app.GetEntityAsync("component", "integrity-linked"));
    }

    [Fact]
    public async Task A_location_deleted_while_its_refresh_holds_it_waits_for_the_refresh_instead_of_deadlocking()
    {
        var location = await app.RegisterAsync(app.WriteFile("deadlock/catalog-info.yaml", Component("held-service", "team-a")));

        // What a refresh does: its claim locks the location's row, then (still in the same transaction) the write lock.
        await using var refresh = new Npgsql.NpgsqlConnection(app.DatabaseConnectionString);
        await refresh.OpenAsync();
        await using var transaction = await refresh.BeginTransactionAsync();
        await using (var claim = new Npgsql.NpgsqlCommand("SELECT 1 FROM locations WHERE id = @id FOR UPDATE", refresh, transaction))
        {
            claim.Parameters.AddWithValue("id", location);
            await claim.ExecuteNonQueryAsync();
        }

        var delete = app.Http.DeleteAsync($"/api/catalog/locations/{location}");
        await Eventually.GetAsync(WaitingBackendsAsync, waiting => waiting > 0, TimeSpan.FromSeconds(10), "the delete to wait for a lock");
        await RefreshWriter.TakeWriteLockAsync(refresh, transaction, CancellationToken.None);
        await transaction.CommitAsync();

        using var response = await delete;
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await app.GetEntityAsync("component", "held-service"));
    }

    private async Task<long> WaitingBackendsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
