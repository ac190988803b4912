using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Portal.Testing;
using Xunit;

namespace Identity.Api.Tests;

/// <summary>The REST API under <c>/api/identity/v1</c>: bearer tokens the provider issued, problem details otherwise.</summary>
[Collection(IdentityCollection.Name)]
public sealed class IdentityApiTests(IdentityApp app)
{
    private TestIdentityProvider Provider => app.Provider;

    [Fact]
    public async Task Userinfo_names_the_user_and_its_ownership_from_the_catalog()
    {
        var (team, user) = (CatalogEvents.UniqueName("team"), CatalogEvents.UniqueName("jonas"));
        await app.PublishAsync(CatalogEvents.Group(team), CatalogEvents.User(user, "Jonas Berg", $"{user}@lumen.example", memberOf: [team]));
        await app.WaitUntilKnownAsync(user);

        var (status, body) = await GetAsync("api/identity/v1/userinfo", await Provider.UserTokenAsync(user));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"user:default/{user}", body.GetProperty("userEntityRef").GetString());
        Assert.Equal([$"user:default/{user}", $"group:default/{team}"], body.GetProperty("ownershipEntityRefs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Jonas Berg", body.GetProperty("displayName").GetString());
        Assert.Equal($"{user}@lumen.example", body.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_problem_details()
    {
        using var response = await Provider.Http.GetAsync("api/identity/v1/userinfo");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyOmRlZmF1bHQvYW1hcmEub2thZm9yIn0.")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task A_token_that_is_not_the_providers_is_401(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/identity/v1/userinfo");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await Provider.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_token_in_the_query_string_is_never_accepted()
    {
        var token = await Provider.UserTokenAsync(await app.KnownUserAsync());

        using var response = await Provider.Http.GetAsync("api/identity/v1/userinfo?access_token=" + token);
        using var protocolUserInfo = await Provider.Http.GetAsync("connect/userinfo?access_token=" + token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.InRange((int)protocolUserInfo.StatusCode, 400, 401);
        Assert.DoesNotContain(token, await protocolUserInfo.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_huge_token_is_refused_without_a_server_error()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/identity/v1/userinfo");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('a', 60_000));

        using var response = await Provider.Http.SendAsync(request);

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task Userinfo_is_for_users_not_services()
    {
        var (status, body) = await GetAsync("api/identity/v1/userinfo", await Provider.ServiceTokenAsync("catalog"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(403, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_removed_user_is_listed_as_revoked_until_it_is_registered_again()
    {
        var user = await app.KnownUserAsync("leaver");
        var userToken = await Provider.UserTokenAsync(user);
        var serviceToken = await Provider.ServiceTokenAsync("search");
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var since = "api/identity/v1/revoked-subjects?since=" + Uri.EscapeDataString(before.ToString("O"));

        await app.PublishAsync(CatalogEvents.Removed("User", user));

        var revoked = await Eventually.GetAsync(() => GetAsync(since, serviceToken), answer => Subjects(answer.Body).Contains($"user:default/{user}"),
            TimeSpan.FromSeconds(30), "the removed user to be listed", answer => answer.Body.ToString());
        var entry = revoked.Body.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("subject").GetString() == $"user:default/{user}");
        Assert.InRange(entry.GetProperty("revokedAt").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddMinutes(1));
        // Its token, still within its lifetime, is refused by the provider's own API.
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("api/identity/v1/userinfo", userToken)).Status);

        await app.PublishAsync(CatalogEvents.User(user));
        await Eventually.GetAsync(() => GetAsync(since, serviceToken), answer => !Subjects(answer.Body).Contains($"user:default/{user}"),
            TimeSpan.FromSeconds(30), "the re-registered user to leave the list", answer => answer.Body.ToString());
    }

    [Fact]
    public async Task Revoked_subjects_are_for_services_and_need_a_valid_since()
    {
        var user = await app.KnownUserAsync();

        var asUser = await GetAsync("api/identity/v1/revoked-subjects", await Provider.UserTokenAsync(user));
        var badSince = await GetAsync("api/identity/v1/revoked-subjects?since=yesterday", await Provider.ServiceTokenAsync("docs"));

        Assert.Equal(HttpStatusCode.Forbidden, asUser.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badSince.Status);
        Assert.Contains("since", badSince.Body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Starred_entities_are_kept_per_user()
    {
        var (first, second) = (await app.KnownUserAsync("stars"), await app.KnownUserAsync("stars"));
        var (firstToken, secondToken) = (await Provider.UserTokenAsync(first), await Provider.UserTokenAsync(second));

        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(HttpMethod.Put, "api/identity/v1/me/starred-entities/Component/default/Payments", firstToken));
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(HttpMethod.Put, "api/identity/v1/me/starred-entities/component/default/payments", firstToken));
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(HttpMethod.Put, "api/identity/v1/me/starred-entities/api/default/orders-api", firstToken));
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(HttpMethod.Delete, "api/identity/v1/me/starred-entities/api/default/orders-api", firstToken));

        var mine = await GetAsync("api/identity/v1/me/starred-entities", firstToken);
        var theirs = await GetAsync("api/identity/v1/me/starred-entities", secondToken);
        Assert.Equal(["component:default/payments"], mine.Body.GetProperty("items").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, theirs.Body.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Starring_an_invalid_ref_is_a_bad_request_and_services_have_no_stars()
    {
        var user = await app.KnownUserAsync();

        var invalid = await SendAsync(HttpMethod.Put, "api/identity/v1/me/starred-entities/component/default/" + Uri.EscapeDataString("no spaces allowed"),
            await Provider.UserTokenAsync(user));
        var asService = await GetAsync("api/identity/v1/me/starred-entities", await Provider.ServiceTokenAsync("scaffolder"));

        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        Assert.Equal(HttpStatusCode.Forbidden, asService.Status);
    }

    private static List<string?> Subjects(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("items", out var items)
            ? [.. items.EnumerateArray().Select(item => item.GetProperty("subject").GetString())]
            : [];

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Provider.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<HttpStatusCode> SendAsync(HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Provider.Http.SendAsync(request);
        return response.StatusCode;
    }
}
