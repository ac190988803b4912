using Portal.Web.Model;

namespace Portal.Web.Clients;

/// <summary>The identity service's API for the signed-in person: who they are in the catalog, and what they starred.</summary>
public sealed class IdentityClient(HttpClient http)
{
    private const string Service = "identity";

    public async Task<ApiResult<UserInfo>> UserInfoAsync(CancellationToken cancellationToken)
    {
        var result = await ApiCall.GetJsonAsync(http, Service, "/api/identity/v1/userinfo", cancellationToken);
        return result.Ok ? ApiResult<UserInfo>.Success(UserInfo.From(result.Value)) : new(null, result.Error, result.Status);
    }

    public async Task<ApiResult<List<string>>> StarredEntitiesAsync(CancellationToken cancellationToken)
    {
        var result = await ApiCall.GetJsonAsync(http, Service, "/api/identity/v1/me/starred-entities", cancellationToken);
        return result.Ok ? ApiResult<List<string>>.Success([.. Json.Strings(result.Value, "items")]) : new(null, result.Error, result.Status);
    }

    public Task<ApiResult<bool>> StarAsync(EntityRef entity, CancellationToken cancellationToken) =>
        ApiCall.SendAsync(Service, ct => http.PutAsync(StarredPath(entity), content: null, ct), (_, _) => Task.FromResult(true), cancellationToken);

    public Task<ApiResult<bool>> UnstarAsync(EntityRef entity, CancellationToken cancellationToken) =>
        ApiCall.SendAsync(Service, ct => http.DeleteAsync(StarredPath(entity), ct), (_, _) => Task.FromResult(true), cancellationToken);

    private static string StarredPath(EntityRef entity) =>
        $"/api/identity/v1/me/starred-entities/{Uri.EscapeDataString(entity.Kind.ToLowerInvariant())}/{Uri.EscapeDataString(entity.Namespace.ToLowerInvariant())}/{Uri.EscapeDataString(entity.Name.ToLowerInvariant())}";
}

/// <summary>The signed-in person as the identity service resolved them to the catalog.</summary>
public sealed record UserInfo(string UserEntityRef, IReadOnlyList<string> OwnershipEntityRefs, string? DisplayName, string? Email, string? Picture)
{
    public static UserInfo From(System.Text.Json.JsonElement json) => new(
        Json.Text(json, "userEntityRef") ?? "",
        [.. Json.Strings(json, "ownershipEntityRefs")],
        Json.Text(json, "displayName"),
        Json.Text(json, "email"),
        Json.Text(json, "picture"));
}
