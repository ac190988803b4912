using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Bench;

/// <summary>
/// <c>catalog-restricted --entities N</c> (default 100 000): the catalog's reads for a user whose policy limits
/// <c>catalog.entity.read</c> to what the user's own group owns (a conditional decision, <c>isEntityOwner</c>, which the
/// catalog turns into SQL), beside the same reads unrestricted (the automation client, an admin).
/// by-query(100) pages components; entity-facets counts spec.type and spec.lifecycle of components.
/// </summary>
public static class RestrictedReadsBench
{
    private const string Catalog = "/api/catalog";
    private const string UserName = "bench-reader";

    private const string Policy = """
        admins:
          principals: [external:portal-automation]
        rules:
          - name: services-read
            principalKind: service
            permissions: ["*.read"]
            decision: allow
          - name: users-read-their-groups-entities
            principalKind: user
            permissions: [catalog.entity.read]
            decision: conditional
            conditions: { isEntityOwner: {} }
          - name: users-read-the-rest
            principalKind: user
            permissions: ["*.read"]
            decision: allow
        """;

    public static async Task<object> RunAsync(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var generator = CatalogGenerator.ForTotal(arguments.Int("entities", 100_000));
        var samples = arguments.Int("samples", 1_000);
        var input = Path.Combine(RunningPortal.RepositoryRoot, ".data", "bench-input");
        Directory.CreateDirectory(input);
        var file = Path.Combine(input, $"catalog-{generator.Total}.yaml");
        await generator.WriteAsync(file);
        var userFile = Path.Combine(input, "restricted-reader.yaml");
        await File.WriteAllTextAsync(userFile, $"""
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata:
              name: {UserName}
            spec:
              memberOf: [group-0]
            """);
        var policyFile = Path.Combine(input, "restricted-policy.yaml");
        await File.WriteAllTextAsync(policyFile, Policy);
        var password = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

        await using var portal = await RunningPortal.StartAsync(arguments, new Dictionary<string, string>
        {
            ["Catalog__Locations__AllowedRoots__0"] = input,
            ["Permissions__PolicyFile"] = policyFile,
            ["PORTAL_DEV_PASSWORD"] = password,
        });
        var http = portal.Http;
        // A shared machine may never settle: --settle-seconds bounds each wait (default 120).
        var settle = TimeSpan.FromSeconds(arguments.Int("settle-seconds", 120));
        await MachineIdle.WaitAsync(timeout: settle);
        await CatalogBench.WarmRegistrationPathAsync(http);
        var ingestSeconds = await CatalogBench.IngestAsync(http, file, generator);
        using (var response = await http.PostAsJsonAsync($"{Catalog}/locations", new { type = "file", target = userFile }))
        {
            await CatalogBench.EnsureOkAsync(response);
        }

        Progress.Write($"ingested {generator.Total} entities in {ingestSeconds:0.00} s; waiting for the events it caused to be consumed");
        await MachineIdle.WaitAsync(timeout: settle * 4);

        using var reader = new HttpClient { BaseAddress = portal.FrontDoor, Timeout = TimeSpan.FromMinutes(1) };
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await UserTokenAsync(reader, password));
        var visible = (await reader.GetFromJsonAsync<JsonElement>($"{Catalog}/entities/by-query?limit=1&filter=kind=component")).GetProperty("totalItems").GetInt32();
        var all = (await http.GetFromJsonAsync<JsonElement>($"{Catalog}/entities/by-query?limit=1&filter=kind=component")).GetProperty("totalItems").GetInt32();
        if (visible == 0 || visible >= all)
        {
            throw new BenchException($"the restricted user sees {visible} of {all} components: the policy did not restrict the reads");
        }

        Progress.Write($"{UserName} may read {visible} of {all} components");
        var restrictedQuery = await MeasureByQueryAsync(reader, samples);
        var restrictedFacets = await MeasureFacetsAsync(reader, samples);
        var adminQuery = await MeasureByQueryAsync(http, samples);
        var adminFacets = await MeasureFacetsAsync(http, samples);
        return portal.WithRunFigures(new RestrictedReadsFigures(
            generator.Total, visible, restrictedQuery.Median, restrictedFacets.Median, adminQuery.Median, adminFacets.Median));
    }

    private static async Task<string> UserTokenAsync(HttpClient frontDoor, string password)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            using var response = await frontDoor.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = "portal-cli",
                ["username"] = UserName,
                ["password"] = password,
                ["scope"] = "openid portal",
            }));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (body.TryGetProperty("access_token", out var token))
            {
                return token.GetString()!;
            }

            // The provider learns the user from the catalog's events.
            if (DateTime.UtcNow > deadline)
            {
                throw new BenchException($"{UserName} could not sign in: {body}");
            }

            await Task.Delay(500);
        }
    }

    /// <summary>Pages of 100 components through by-query, following cursors and starting over at the end.</summary>
    private static async Task<Latency> MeasureByQueryAsync(HttpClient http, int samples)
    {
        string? cursor = null;
        return await Latency.MeasureAsync(20, Math.Max(100, samples / 2), async _ =>
        {
            var url = cursor is null ? $"{Catalog}/entities/by-query?limit=100&filter=kind=component" : $"{Catalog}/entities/by-query?cursor={Uri.EscapeDataString(cursor)}";
            using var response = await http.GetAsync(url);
            await CatalogBench.EnsureOkAsync(response);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            cursor = page.GetProperty("pageInfo").TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        });
    }

    private static Task<Latency> MeasureFacetsAsync(HttpClient http, int samples) =>
        Latency.MeasureAsync(50, Math.Max(200, samples / 2), async _ =>
        {
            using var response = await http.GetAsync($"{Catalog}/entity-facets?facet=spec.type&facet=spec.lifecycle&filter=kind=component");
            await CatalogBench.EnsureOkAsync(response);
        });
}

/// <summary>What <c>catalog-restricted</c> prints: the restricted user's p50s beside the unrestricted ones.</summary>
public sealed record RestrictedReadsFigures(
    int Entities,
    int ReadableComponents,
    [property: System.Text.Json.Serialization.JsonPropertyName("restricted_by_query_100_p50_ms")] double RestrictedByQuery100P50Ms,
    double RestrictedFacetsP50Ms,
    [property: System.Text.Json.Serialization.JsonPropertyName("unrestricted_by_query_100_p50_ms")] double UnrestrictedByQuery100P50Ms,
    double UnrestrictedFacetsP50Ms);
