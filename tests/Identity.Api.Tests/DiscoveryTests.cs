using System.Text.Json;
using Portal.Testing;
using Xunit;

namespace Identity.Api.Tests;

[Collection(IdentityCollection.Name)]
public sealed class DiscoveryTests(IdentityApp app)
{
    private TestIdentityProvider Provider => app.Provider;

    [Fact]
    public async Task Discovery_names_the_issuer_and_its_endpoints()
    {
        var discovery = JsonDocument.Parse(await Provider.Http.GetStringAsync(".well-known/openid-configuration")).RootElement;

        Assert.Equal(Provider.Issuer.ToString(), discovery.GetProperty("issuer").GetString());
        Assert.Equal(new Uri(Provider.Issuer, "connect/token").ToString(), discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal(new Uri(Provider.Issuer, ".well-known/jwks").ToString(), discovery.GetProperty("jwks_uri").GetString());
        var grants = discovery.GetProperty("grant_types_supported").EnumerateArray().Select(grant => grant.GetString()).ToList();
        Assert.Contains("client_credentials", grants);
        Assert.Contains("refresh_token", grants);
        Assert.Contains("password", grants);
        Assert.Contains("portal", discovery.GetProperty("scopes_supported").EnumerateArray().Select(scope => scope.GetString()));
    }

    [Fact]
    public async Task The_jwks_has_the_public_key_that_verifies_issued_tokens()
    {
        var token = await Provider.ServiceTokenAsync("docs");
        var jwksJson = await Provider.Http.GetStringAsync(".well-known/jwks");

        var keys = JsonDocument.Parse(jwksJson).RootElement.GetProperty("keys").EnumerateArray().ToList();
        var key = Assert.Single(keys, k => k.GetProperty("kid").GetString() == Jwt.Read(token).Kid);
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.False(key.TryGetProperty("d", out _)); // the private part never leaves the provider
        var result = await Jwt.ValidateAsync(token, jwksJson, Provider.Issuer);
        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public async Task A_tampered_token_does_not_verify()
    {
        var token = await Provider.ServiceTokenAsync("docs");
        var jwksJson = await Provider.Http.GetStringAsync(".well-known/jwks");
        var parts = token.Split('.');
        var payload = Jwt.Payload(token).GetRawText().Replace("plugin:docs", "plugin:evil", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        var result = await Jwt.ValidateAsync(tampered, jwksJson, Provider.Issuer);

        Assert.False(result.IsValid);
    }
}
