using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Testing;
using Xunit;

namespace Catalog.Api.Tests;

/// <summary>
/// Every catalog request needs a token the identity provider issued, for this audience, unexpired, signed by the
/// provider's key, of a user still in the catalog; anything else is a 401 problem and changes nothing. Probes stay open.
/// </summary>
public sealed class AuthenticationTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    private static readonly string[] Tables = ["locations", "entities", "relations"];

    [Fact]
    public async Task Probes_answer_without_a_token()
    {
        using var anonymous = app.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/alive")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task A_request_without_a_token_is_a_401_problem_and_registers_nothing()
    {
        using var anonymous = app.Factory.CreateClient();
        var before = await FingerprintAsync();

        var problem = await AssertUnauthorizedAsync(anonymous, RegisterRequest("no-token"), "Authorization header");
        Assert.Equal("AuthenticationError", problem.GetProperty("title").GetString());
        await AssertUnauthorizedAsync(anonymous, new HttpRequestMessage(HttpMethod.Get, "/api/catalog/entities"), "Authorization header");
        await AssertUnauthorizedAsync(anonymous, new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json"), "Authorization header");

        Assert.Equal(before, await FingerprintAsync());
    }

    public static TheoryData<string, string> RefusedTokens() => new()
    {
        { "expired", "expired" },
        { "wrong-audience", "audience" },
        { "wrong-issuer", "issuer" },
        { "tampered", "signature" },
        { "alg-none", "not valid" },
        { "garbage", "well-formed" },
        { "huge", "well-formed" },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_refused_token_is_a_401_problem_and_registers_nothing(string kind, string reason)
    {
        var real = await app.Identity.ServiceTokenAsync("portal-automation");
        var forged = await ForgedTokens.FromProviderAsync(app.Identity);
        var token = kind switch
        {
            "expired" => forged.Expired(real, TimeSpan.FromMinutes(5)),
            "wrong-audience" => forged.Resign(real, claims => claims["aud"] = "another-portal"),
            "wrong-issuer" => forged.Resign(real, claims => claims["iss"] = "http://127.0.0.1:1/"),
            "tampered" => ForgedTokens.Tampered(real),
            "alg-none" => ForgedTokens.Unsigned(real),
            "garbage" => "not.a-jwt",
            "huge" => new string('a', 40_000) + "." + new string('b', 40_000) + ".c",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var before = await FingerprintAsync();

        using var request = RegisterRequest(kind);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var problem = await AssertUnauthorizedAsync(app.Http, request, reason);

        Assert.DoesNotContain(token[..Math.Min(token.Length, 40)], problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before, await FingerprintAsync());
        Assert.Null(await app.GetEntityAsync("component", kind));
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz", "Bearer")]
    [InlineData("Bearer", "Authorization header")]
    [InlineData("token-without-scheme", "Bearer")]
    public async Task A_malformed_authorization_header_is_a_401_problem(string header, string reason)
    {
        using var anonymous = app.Factory.CreateClient();
        using var request = RegisterRequest("malformed");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        var before = await FingerprintAsync();

        await AssertUnauthorizedAsync(anonymous, request, reason);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task A_token_in_the_query_string_is_never_accepted()
    {
        var token = await app.Identity.ServiceTokenAsync("portal-automation");
        using var anonymous = app.Factory.CreateClient();
        var before = await FingerprintAsync();

        await AssertUnauthorizedAsync(anonymous, RegisterRequest("query", "?access_token=" + token), "query string");
        // Not even beside a good header: a URL with a token in it is refused as a whole.
        using var both = RegisterRequest("query", "?access_token=" + token);
        both.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await AssertUnauthorizedAsync(anonymous, both, "query string");

        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task A_users_token_works_until_the_user_is_removed_from_the_catalog()
    {
        var file = app.WriteFile("auth/leaver.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata:
              name: leaver
            spec:
              profile: { displayName: Lee Leaver, email: lee@example.test }
              memberOf: []
            """);
        var location = await app.RegisterAsync(file);
        var token = await app.Identity.UserTokenWhenKnownAsync("leaver");
        Assert.Equal("user:default/leaver", ForgedTokens.Claim(token, "sub"));
        using var asLeaver = app.Factory.CreateClientWithToken(() => Task.FromResult(token));
        (await asLeaver.GetAsync("/api/catalog/entities/by-name/user/default/leaver")).EnsureSuccessStatusCode();

        (await app.Http.DeleteAsync($"/api/catalog/locations/{location}")).EnsureSuccessStatusCode();

        // The provider learns of the removal from the catalog's event; the catalog from the provider's revoked list.
        await Eventually.GetAsync(async () => (await asLeaver.GetAsync("/api/catalog/entities")).StatusCode,
            status => status == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(60), "the removed user's token to be refused");
        var before = await FingerprintAsync();
        using var request = RegisterRequest("leavers-parting-gift");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await AssertUnauthorizedAsync(app.Http, request, "revoked");
        Assert.Equal(before, await FingerprintAsync());

        // Everyone else still works.
        (await app.Http.GetAsync("/api/catalog/entities")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_valid_user_token_signed_in_by_email_reads_the_catalog()
    {
        var file = app.WriteFile("auth/reader.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata:
              name: rita.reader
            spec:
              profile: { displayName: Rita Reader, email: rita@example.test }
              memberOf: []
            """);
        await app.RegisterAsync(file);
        var token = await app.Identity.UserTokenWhenKnownAsync("rita@example.test");
        using var asRita = app.Factory.CreateClientWithToken(() => Task.FromResult(token));

        var rita = await asRita.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-name/user/default/rita.reader");
        Assert.Equal("Rita Reader", rita.GetProperty("spec").GetProperty("profile").GetProperty("displayName").GetString());
    }

    private static HttpRequestMessage RegisterRequest(string name, string query = "") =>
        new(HttpMethod.Post, "/api/catalog/locations" + query)
        {
            Content = JsonContent.Create(new { type = "file", target = $"/tmp/{name}/catalog-info.yaml" }),
        };

    private static async Task<JsonElement> AssertUnauthorizedAsync(HttpClient http, HttpRequestMessage request, string reason)
    {
        using (request)
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            var problem = JsonDocument.Parse(text).RootElement.Clone();
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
            Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
            return problem;
        }
    }

    private Task<string> FingerprintAsync() => BadInput.FingerprintAsync(app.DatabaseConnectionString, Tables);
}
