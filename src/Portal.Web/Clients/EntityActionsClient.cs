using System.Text.Json;

namespace Portal.Web.Clients;

/// <summary>What a person may do to an entity from its page in the catalog: refresh it, delete it, unregister its location.</summary>
public sealed class EntityActionsClient(HttpClient http)
{
    /// <summary>The id of the location that owns the entity, or null when it has none the person may see.</summary>
    public async Task<string?> LocationIdAsync(Model.EntityRef entity, CancellationToken cancellationToken)
    {
        var result = await ApiCall.GetJsonAsync(http, "catalog",
            $"/api/catalog/locations/by-entity/{Uri.EscapeDataString(entity.Kind)}/{Uri.EscapeDataString(entity.Namespace)}/{Uri.EscapeDataString(entity.Name)}",
            cancellationToken);
        return result.Ok ? Json.Text(result.Value, "id") : null;
    }

    public Task<ApiResult<JsonElement>> RefreshAsync(string entityRef, CancellationToken cancellationToken) =>
        ApiCall.PostJsonAsync(http, "catalog", "/api/catalog/refresh", new { entityRef }, cancellationToken);

    public Task<ApiResult<JsonElement>> DeleteEntityAsync(string uid, CancellationToken cancellationToken) =>
        ApiCall.SendAsync("catalog", ct => http.DeleteAsync($"/api/catalog/entities/by-uid/{Uri.EscapeDataString(uid)}", ct), ApiCall.ReadJsonAsync, cancellationToken);

    public Task<ApiResult<JsonElement>> DeleteLocationAsync(string id, CancellationToken cancellationToken) =>
        ApiCall.SendAsync("catalog", ct => http.DeleteAsync($"/api/catalog/locations/{Uri.EscapeDataString(id)}", ct), ApiCall.ReadJsonAsync, cancellationToken);
}
