using Portal.Testing;
using Xunit;

namespace Catalog.Api.Tests;

/// <summary>A catalog with one registered component, to show that bad requests change nothing in it.</summary>
public sealed class SeededCatalog : IAsyncLifetime
{
    public CatalogApp App { get; } = new();

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        var file = App.WriteFile("bad-input/catalog-info.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: steady-service
            spec:
              type: service
              lifecycle: production
              owner: team-steady
            """);
        await App.RegisterAsync(file);
    }

    public Task<string> FingerprintAsync() =>
        BadInput.FingerprintAsync(App.DatabaseConnectionString, "locations", "entities", "relations");

    public Task DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// The bad-input table and its families, against every catalog endpoint that takes input: each is a 4xx
/// problem naming the field, never a 500, and the catalog's tables are unchanged afterwards.
/// </summary>
public sealed class BadInputTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    private const string Json = BadInput.Json;

    public static TheoryData<string, string, string?, string?, int, string> Corpus()
    {
        var rows = new TheoryData<string, string, string?, string?, int, string>
        {
            // Numbers that do not fit, and text where numbers belong.
            { "GET", "/api/catalog/entities?limit=99999999999", null, null, 400, "limit" },
            { "GET", "/api/catalog/entities?offset=2147483648", null, null, 400, "offset" },
            { "GET", "/api/catalog/entities?limit=abc", null, null, 400, "limit" },
            { "GET", "/api/catalog/entities?offset=-1", null, null, 400, "offset" },
            { "GET", "/api/catalog/entities/by-query?limit=99999999999", null, null, 400, "limit" },
            { "GET", "/api/catalog/entities/by-query?limit=-5", null, null, 400, "limit" },
            { "GET", "/api/catalog/entities/by-query?limit=1.5", null, null, 400, "limit" },
            { "POST", "/api/catalog/locations?dryRun=maybe", """{"type":"file","target":"/nowhere"}""", Json, 400, "dryRun" },
            // NUL and other control characters in text parameters (PostgreSQL refuses NUL: 22P05 was a 500).
            { "GET", "/api/catalog/entities?filter=kind%3Dcomp%00onent", null, null, 400, "filter" },
            { "GET", "/api/catalog/entities?fields=metadata.name%00", null, null, 400, "fields" },
            { "GET", "/api/catalog/entities?order=asc:metadata.name%1B", null, null, 400, "order" },
            { "GET", "/api/catalog/entities/by-query?fullTextFilterTerm=steady%00", null, null, 400, "fullTextFilterTerm" },
            { "GET", "/api/catalog/entities/by-query?fullTextFilterTerm=%07bell", null, null, 400, "fullTextFilterTerm" },
            { "GET", "/api/catalog/entities/by-query?filter=metadata.name%3D%00", null, null, 400, "filter" },
            { "GET", "/api/catalog/entities/by-query?orderField=metadata.name%00,asc", null, null, 400, "orderField" },
            { "GET", "/api/catalog/entities/by-query?cursor=%00", null, null, 400, "cursor" },
            { "GET", "/api/catalog/entity-facets?facet=kind%00", null, null, 400, "facet" },
            { "GET", "/api/catalog/entity-facets?facet=kind&filter=kind%3D%7F", null, null, 400, "filter" },
            { "GET", "/api/catalog/entities/by-name/component/default/steady%1Fservice", null, null, 400, "name" },
            { "GET", "/api/catalog/entities/by-name/component/def%01ault/steady-service/ancestry", null, null, 400, "namespace" },
            // Bodies: the content type, fields of the wrong type or text, and requests that are not what they claim.
            { "POST", "/api/catalog/locations", """{"type":"file","target":"/nowhere"}""", "text/plain", 415, "Content-Type" },
            { "POST", "/api/catalog/locations", "type=file&target=%2Fnowhere", "application/x-www-form-urlencoded", 415, "Content-Type" },
            { "POST", "/api/catalog/validate-entity", """{"entity":"a string"}""", Json, 400, "entity" },
            { "POST", "/api/catalog/validate-entity", """{"entity":{"kind":"Component","metadata":{"name":"a\u0000"}}}""", Json, 400, "entity.metadata.name" },
            { "POST", "/api/catalog/validate-entity", """{"entity":{"metadata":{"annotations":{"a\u0000":"b"}}}}""", Json, 400, "entity.metadata.annotations.a?" },
            { "POST", "/api/catalog/analyze-location", """{"location":{"type":"file","target":5}}""", Json, 400, "location.target" },
            { "POST", "/api/catalog/analyze-location", """{"location":{"target":"/tmp/a\u0000"}}""", Json, 400, "location.target" },
            { "POST", "/api/catalog/entities/by-refs", """{"entityRefs":"component:default/steady-service"}""", Json, 400, "entityRefs" },
            { "POST", "/api/catalog/entities/by-refs", """{"entityRefs":["component:default/a\u0000"]}""", Json, 400, "entityRefs[0]" },
            { "POST", "/api/catalog/entities/by-refs", """{"entityRefs":[null]}""", Json, 400, "entityRefs[0]" },
            { "POST", "/api/catalog/entities/by-refs", """{"entityRefs":[],"fields":[5]}""", Json, 400, "fields" },
            // A body-less state change must not be a simple request (a cross-site form could send it).
            { "POST", "/api/catalog/refresh", null, null, 415, "Content-Type" },
            { "POST", "/api/catalog/refresh", "", "application/x-www-form-urlencoded", 415, "Content-Type" },
            { "POST", "/api/catalog/refresh", "{}", "text/plain", 415, "Content-Type" },
            { "POST", "/api/catalog/refresh", """{"locationId":"not-a-uuid"}""", Json, 400, "locationId" },
            { "POST", "/api/catalog/refresh", """{"entityRef":"component:default/a\u0000"}""", Json, 400, "entityRef" },
        };
        // Each malformed body family, against each endpoint that reads a body, with a text field that endpoint has.
        foreach (var (path, textField) in new[]
                 {
                     ("/api/catalog/locations", "type"), ("/api/catalog/validate-entity", "location"),
                     ("/api/catalog/analyze-location", "location"), ("/api/catalog/entities/by-refs", "entityRefs"),
                     ("/api/catalog/refresh", "entityRef"),
                 })
        {
            foreach (var (body, field) in BadInput.MalformedBodies(textField))
            {
                // The refresh body is optional: an empty one asks for every location, as Backstage's does.
                if (body.Length > 0 || !path.EndsWith("refresh", StringComparison.Ordinal))
                {
                    rows.Add("POST", path, body, Json, 400, field);
                }
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Bad_input_is_a_4xx_problem_naming_the_field_and_changes_nothing(
        string method, string url, string? body, string? contentType, int status, string field)
    {
        var before = await catalog.FingerprintAsync();
        await BadInput.AssertRefusedAsync(catalog.App.Http, method, url, body, contentType, status, field);
        Assert.Equal(before, await catalog.FingerprintAsync());
    }

    [Fact]
    public async Task Refresh_with_a_json_content_type_and_no_body_still_refreshes_every_location()
    {
        using var request = BadInput.Request("POST", "/api/catalog/refresh", null, Json);
        using var response = await catalog.App.Http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
