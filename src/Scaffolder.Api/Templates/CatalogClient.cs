using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Catalog.Model;

namespace Scaffolder.Api.Templates;

/// <summary>The few catalog calls the scaffolder makes, over HTTP to <c>services:catalog:http:0</c>.</summary>
public sealed class CatalogClient(HttpClient http)
{
    public const string BaseAddress = "http://catalog";

    public async Task<JsonObject?> GetEntityAsync(EntityRef reference, CancellationToken cancellationToken)
    {
        var url = $"/api/catalog/entities/by-name/{Uri.EscapeDataString(reference.Kind.ToLowerInvariant())}/{Uri.EscapeDataString(reference.Namespace)}/{Uri.EscapeDataString(reference.Name)}";
        using var response = await http.GetAsync(url, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, "reading " + reference.Key, cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
    }

    /// <summary>Backstage's <c>POST /locations</c>; with <paramref name="dryRun"/> the catalog only reads the target and returns its entities.</summary>
    public async Task<RegistrationResult> AddLocationAsync(string type, string target, bool dryRun, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"/api/catalog/locations{(dryRun ? "?dryRun=true" : "")}",
            new { type, target }, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return new RegistrationResult(AlreadyRegistered: true, []);
        }

        await EnsureSuccessAsync(response, $"registering {type}:{target}", cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        var entities = (body?["entities"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        return new RegistrationResult(AlreadyRegistered: false, entities);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            detail = JsonDocument.Parse(detail).RootElement.GetProperty("detail").GetString() ?? detail;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // not a problem document: keep the raw text
        }

        throw new CatalogException($"the catalog refused {what}: {(int)response.StatusCode} {detail}");
    }
}

public sealed record RegistrationResult(bool AlreadyRegistered, IReadOnlyList<JsonObject> Entities);

public sealed class CatalogException(string message) : Exception(message);
