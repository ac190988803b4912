using System.Net;
using System.Text.Json;
using Portal.Testing;
using Xunit;

namespace Identity.Api.Tests;

/// <summary>Replicas share one database: its keys, clients and tokens, so each accepts what another issued.</summary>
[Collection(IdentityCollection.Name)]
public sealed class ReplicaTests(IdentityApp app)
{
    [Fact]
    public async Task Two_replicas_verify_and_refresh_each_others_tokens()
    {
        await using var second = new Replica(app.Provider.SecondReplica());
        await second.Provider.InitializeAsync();
        var user = await app.KnownUserAsync("replica");
        var issued = await app.Provider.TokenResponseAsync(TestIdentityProvider.PasswordGrant(user, app.Provider.DevelopmentPassword!));

        var token = issued.GetProperty("access_token").GetString()!;
        // Behind one address (a load balancer, the front door) replicas share the issuer: discovery names it, not the replica's own address.
        var discovery = JsonDocument.Parse(await second.Provider.Http.GetStringAsync(".well-known/openid-configuration")).RootElement;
        Assert.Equal(new Uri(app.Provider.Issuer, "connect/token").ToString(), discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal(new Uri(app.Provider.Issuer, "connect/authorize").ToString(), discovery.GetProperty("authorization_endpoint").GetString());
        var secondJwks = await second.Provider.Http.GetStringAsync(".well-known/jwks");
        Assert.Equal(await app.Provider.Http.GetStringAsync(".well-known/jwks"), secondJwks);
        var verified = await Jwt.ValidateAsync(token, secondJwks, app.Provider.Issuer);
        Assert.True(verified.IsValid, verified.Exception?.Message);

        // The refresh token is encrypted with the shared key and stored in the shared database: the other replica redeems it.
        var refreshed = await second.Provider.TokenResponseAsync(
            TestIdentityProvider.RefreshTokenGrant(issued.GetProperty("refresh_token").GetString()!));
        Assert.Equal($"user:default/{user}", Jwt.Payload(refreshed.GetProperty("access_token").GetString()!).GetProperty("sub").GetString());

        // The other replica's own API accepts the token too (its validation uses the shared keys).
        using var userInfo = new HttpRequestMessage(HttpMethod.Get, "api/identity/v1/userinfo");
        userInfo.Headers.Authorization = new("Bearer", token);
        using var answer = await second.Provider.Http.SendAsync(userInfo);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

        // And a service token of the second replica verifies with the first one's keys.
        var serviceToken = await second.Provider.ServiceTokenAsync("catalog");
        var back = await Jwt.ValidateAsync(serviceToken, await app.Provider.Http.GetStringAsync(".well-known/jwks"), app.Provider.Issuer);
        Assert.True(back.IsValid, back.Exception?.Message);
    }

    [Fact]
    public async Task Without_a_development_password_the_cli_client_does_not_exist()
    {
        // A replica started without the password removes portal-cli from the shared database: no replica grants it any more.
        await using var withoutPassword = new Replica(app.Provider.SecondReplica(new Dictionary<string, string?>
        {
            ["Identity:Development:Password"] = null,
        }));
        await withoutPassword.Provider.InitializeAsync();

        try
        {
            var discovery = JsonDocument.Parse(await withoutPassword.Provider.Http.GetStringAsync(".well-known/openid-configuration")).RootElement;
            Assert.DoesNotContain("password", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(grant => grant.GetString()));

            var (status, body) = await app.Provider.PostTokenAsync(TestIdentityProvider.PasswordGrant("anyone", app.Provider.DevelopmentPassword!));
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        }
        finally
        {
            // Put the client back for the other tests of the collection: a replica with the password registers it again.
            await using var restore = new Replica(app.Provider.SecondReplica());
            await restore.Provider.InitializeAsync();
        }
    }

    private sealed class Replica(TestIdentityProvider provider) : IAsyncDisposable
    {
        public TestIdentityProvider Provider { get; } = provider;

        public async ValueTask DisposeAsync() => await Provider.DisposeAsync();
    }
}
