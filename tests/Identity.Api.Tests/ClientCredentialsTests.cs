using System.Net;
using System.Text.Json;
using Portal.Testing;
using Xunit;

namespace Identity.Api.Tests;

[Collection(IdentityCollection.Name)]
public sealed class ClientCredentialsTests(IdentityApp app)
{
    private TestIdentityProvider Provider => app.Provider;

    [Fact]
    public async Task A_service_token_is_a_signed_jwt_for_its_plugin_principal()
    {
        var token = await Provider.ServiceTokenAsync("catalog");

        var jwt = Jwt.Read(token);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(3, token.Split('.').Length); // signed, not encrypted
        var payload = Jwt.Payload(token);
        Assert.Equal("plugin:catalog", payload.GetProperty("sub").GetString());
        Assert.Equal("service", payload.GetProperty("portal_principal").GetString());
        Assert.Equal(Provider.Issuer.ToString(), payload.GetProperty("iss").GetString());
        Assert.Contains("portal", Audiences(payload));
        Assert.Contains("portal", payload.GetProperty("scope").GetString()!.Split(' '));
        Assert.False(payload.TryGetProperty("ent", out _));
    }

    [Fact]
    public async Task The_automation_client_is_an_external_principal()
    {
        var payload = Jwt.Payload(await Provider.ServiceTokenAsync("portal-automation"));

        Assert.Equal("external:portal-automation", payload.GetProperty("sub").GetString());
        Assert.Equal("service", payload.GetProperty("portal_principal").GetString());
    }

    [Fact]
    public async Task An_access_token_lives_fifteen_minutes()
    {
        var payload = Jwt.Payload(await Provider.ServiceTokenAsync("search"));

        Assert.Equal(15 * 60, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused()
    {
        var form = Provider.ClientCredentialsGrant("scaffolder");
        form["client_secret"] = "not-the-secret";

        var (status, body) = await Provider.PostTokenAsync(form);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task The_web_client_may_not_use_client_credentials()
    {
        var (status, body) = await Provider.PostTokenAsync(Provider.ClientCredentialsGrant("portal-web"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unauthorized_client", body.GetProperty("error").GetString());
    }

    private static IEnumerable<string?> Audiences(JsonElement payload) =>
        payload.GetProperty("aud") is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Select(audience => audience.GetString())
            : [payload.GetProperty("aud").GetString()];
}
