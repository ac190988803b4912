using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Authentication;
using Portal.Testing;
using Xunit;

namespace Identity.Api.Tests;

/// <summary>
/// Portal behind an external OpenID Connect provider. The "external" provider is a second, independent identity service
/// used only through the standard protocol (discovery, keys, token endpoint), with catalog knowledge of its own that
/// differs on purpose. Portal's identity service runs with its provider switched off, learns users from its own catalog
/// events and resolves identities; a service trusts the external provider and asks it who each token stands for.
/// </summary>
public sealed class ExternalProviderSetup : IAsyncLifetime
{
    public ExternalProviderSetup() =>
        Portal = new IdentityApp(broker => TestIdentityProvider.BehindExternalProvider(broker, External.Provider, "search", new Dictionary<string, string?>
        {
            ["Identity:Resolution:Services:0:Subject"] = "plugin:docs",
            ["Identity:Resolution:Services:0:Principal"] = "plugin:docs",
        }));

    /// <summary>Stands for Entra ID, Okta, Keycloak…: its tokens carry its own idea of the user's groups, which Portal must ignore.</summary>
    public IdentityApp External { get; } = new();

    /// <summary>Portal's identity service with the provider off.</summary>
    public IdentityApp Portal { get; }

    public WebApplication Service { get; private set; } = null!;

    public HttpClient ServiceHttp { get; private set; } = null!;

    public string User { get; } = CatalogEvents.UniqueName("ext-user");

    public string Team { get; } = CatalogEvents.UniqueName("ext-team");

    public string Department { get; } = CatalogEvents.UniqueName("ext-dept");

    public async Task InitializeAsync()
    {
        await External.InitializeAsync();
        await Portal.InitializeAsync();

        var email = $"{User}@example.com";
        await External.PublishAsync(CatalogEvents.Group("external-only-group", members: [User]));
        await External.PublishAsync(CatalogEvents.User(User, email: email, memberOf: ["external-only-group"]));
        await Portal.PublishAsync(CatalogEvents.Group(Department), CatalogEvents.Group(Team, parent: Department, members: [User]));
        await Portal.PublishAsync(CatalogEvents.User(User, displayName: "Ext User", email: email, memberOf: [Team]));
        await External.WaitUntilKnownAsync(User);

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        foreach (var (key, value) in External.Provider.ServiceSettings("docs"))
        {
            builder.Configuration[key] = value;
        }

        builder.Configuration["Authentication:Provider"] = "external";
        builder.Configuration["Authentication:IdentityServiceAddress"] = Portal.Provider.Address.ToString();
        builder.Configuration["Authentication:RevocationPollInterval"] = "00:00:00.500";
        builder.AddServiceDefaults();
        builder.AddPortalAuthentication();
        Service = builder.Build();
        Service.MapDefaultEndpoints();
        Service.MapGet("/api/probe/me", (PortalUser caller) => caller);
        await Service.StartAsync();
        ServiceHttp = new HttpClient
        {
            BaseAddress = new Uri(Service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
        };
    }

    public async Task<HttpResponseMessage> GetMeAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/probe/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await ServiceHttp.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        ServiceHttp.Dispose();
        await Service.DisposeAsync();
        await Portal.DisposeAsync();
        await External.DisposeAsync();
    }
}

public sealed class ExternalProviderTests(ExternalProviderSetup setup) : IClassFixture<ExternalProviderSetup>
{
    [Fact]
    public async Task A_service_resolves_an_external_token_to_the_catalog_user_and_its_groups_ignoring_the_tokens_own_claims()
    {
        var token = await setup.External.Provider.UserTokenWhenKnownAsync(setup.User);
        using var response = await setup.GetMeAsync(token);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        var me = JsonDocument.Parse(body).RootElement;
        Assert.Equal($"user:default/{setup.User}", me.GetProperty("subject").GetString());
        Assert.False(me.GetProperty("isService").GetBoolean());
        Assert.Equal("Ext User", me.GetProperty("displayName").GetString());
        var owners = me.GetProperty("ownershipEntityRefs").EnumerateArray().Select(owner => owner.GetString()).ToList();
        Assert.Contains($"group:default/{setup.Team}", owners);
        Assert.Contains($"group:default/{setup.Department}", owners);
        Assert.DoesNotContain("group:default/external-only-group", owners);
    }

    [Fact]
    public async Task The_identity_service_behind_the_provider_serves_its_api_to_external_tokens()
    {
        var token = await setup.External.Provider.UserTokenWhenKnownAsync(setup.User);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/identity/v1/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await setup.Portal.Provider.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        var info = JsonDocument.Parse(body).RootElement;
        Assert.Equal($"user:default/{setup.User}", info.GetProperty("userEntityRef").GetString());
        Assert.Contains($"group:default/{setup.Department}",
            info.GetProperty("ownershipEntityRefs").EnumerateArray().Select(owner => owner.GetString()));
    }

    [Fact]
    public async Task An_identity_with_no_catalog_user_is_refused_saying_why()
    {
        var stranger = CatalogEvents.UniqueName("stranger");
        await setup.External.PublishAsync(CatalogEvents.User(stranger, email: $"{stranger}@example.com"));
        var token = await setup.External.Provider.UserTokenWhenKnownAsync(stranger);

        using var response = await setup.GetMeAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("matches no catalog User", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Client_credentials_tokens_are_services_only_when_mapped()
    {
        using (var mapped = await setup.GetMeAsync(await setup.External.Provider.ServiceTokenAsync("docs")))
        {
            var me = await mapped.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("plugin:docs", me.GetProperty("subject").GetString());
            Assert.True(me.GetProperty("isService").GetBoolean());
            Assert.Empty(me.GetProperty("ownershipEntityRefs").EnumerateArray());
        }

        // The external provider calls this client "plugin:catalog" and marks it a service, but nobody mapped it in Portal.
        using var unmapped = await setup.GetMeAsync(await setup.External.Provider.ServiceTokenAsync("catalog"));
        Assert.Equal(HttpStatusCode.Unauthorized, unmapped.StatusCode);
    }

    [Fact]
    public async Task The_provider_endpoints_are_off()
    {
        // Not mapped: like any unknown path of a Portal service, they answer 401 to the anonymous and 404 to a caller.
        var token = await setup.External.Provider.UserTokenWhenKnownAsync(setup.User);
        foreach (var (method, path) in new[] { (HttpMethod.Get, ".well-known/openid-configuration"), (HttpMethod.Post, "connect/token"), (HttpMethod.Get, "identity/login") })
        {
            using (var anonymous = await setup.Portal.Provider.Http.SendAsync(new HttpRequestMessage(method, path)))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            }

            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var signedIn = await setup.Portal.Provider.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, signedIn.StatusCode);
        }
    }

    [Fact]
    public async Task A_user_removed_from_the_catalog_is_refused_within_seconds_despite_the_resolution_cache()
    {
        var leaver = CatalogEvents.UniqueName("leaver");
        var email = $"{leaver}@example.com";
        await setup.External.PublishAsync(CatalogEvents.User(leaver, email: email));
        await setup.Portal.PublishAsync(CatalogEvents.User(leaver, email: email));
        var token = await setup.External.Provider.UserTokenWhenKnownAsync(leaver);
        await Eventually.GetAsync(async () => (await setup.GetMeAsync(token)).StatusCode, status => status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the leaver to be resolved");

        await setup.Portal.PublishAsync(CatalogEvents.Removed("User", leaver));
        await Eventually.GetAsync(async () => (await setup.GetMeAsync(token)).StatusCode, status => status == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(15), "the removed user's token to be refused");
    }
}
