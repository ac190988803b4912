using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.ServiceDefaults.Authentication;
using Portal.Testing;
using Xunit;

namespace Portal.ServiceDefaults.Tests;

/// <summary>
/// Two services built with <c>AddPortalAuthentication</c> on Kestrel, trusting the real identity provider: the front one
/// calls the other through a typed client carrying its own service token. Every log line both write is kept, to show
/// that no token ever reaches a log. The provider's issuer is an address nobody listens on (as under the AppHost before
/// the front door is up), so everything the services read from the provider comes from its metadata address.
/// </summary>
public sealed class AuthenticatedServices : IAsyncLifetime
{
    private readonly RabbitMqVirtualHost _broker = new();

    public AuthenticatedServices() => Identity = TestIdentityProvider.BehindAFrontDoor(_broker);

    public TestIdentityProvider Identity { get; }

    public WebApplication Front { get; private set; } = null!;

    public WebApplication Downstream { get; private set; } = null!;

    /// <summary>The front service, without a token of its own.</summary>
    public HttpClient Http { get; private set; } = null!;

    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>Token requests the front service sent to the provider.</summary>
    public int TokenRequests => _tokenRequests;

    private int _tokenRequests;

    public async Task InitializeAsync()
    {
        await _broker.InitializeAsync();
        await Identity.InitializeAsync();
        Downstream = await StartAsync("docs", configure: null);
        var downstreamAddress = Address(Downstream);
        Front = await StartAsync("search", builder =>
        {
            builder.Services.AddHttpClient<DownstreamClient>(http => http.BaseAddress = downstreamAddress).AddServiceToken();
            builder.Services.AddHttpClient(AuthenticationExtensions.ProviderHttpClientName)
                .AddHttpMessageHandler(() => new CountingHandler(request =>
                {
                    if (request.RequestUri!.AbsolutePath.EndsWith("/connect/token", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref _tokenRequests);
                    }
                }));
        });
        Http = new HttpClient { BaseAddress = Address(Front) };
    }

    private async Task<WebApplication> StartAsync(string clientId, Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        foreach (var (key, value) in Identity.ServiceSettings(clientId))
        {
            builder.Configuration[key] = value;
        }

        builder.Configuration["Authentication:RevocationPollInterval"] = "00:00:00.500";
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(new RecordingLoggerProvider(Logs));
        builder.AddServiceDefaults();
        builder.AddPortalAuthentication();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/api/probe/me", (PortalUser caller) => caller);
        app.MapPost("/api/probe/write", () => Results.NoContent());
        app.MapGet("/api/probe/downstream", async ([FromServices] DownstreamClient downstream) => await downstream.WhoAmIAsync());
        await app.StartAsync();
        return app;
    }

    internal static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Front.DisposeAsync();
        await Downstream.DisposeAsync();
        await Identity.DisposeAsync();
        await _broker.DisposeAsync();
    }

    public sealed class DownstreamClient(HttpClient http)
    {
        public async Task<JsonElement> WhoAmIAsync() => await http.GetFromJsonAsync<JsonElement>("/api/probe/me");
    }

    private sealed class CountingHandler(Action<HttpRequestMessage> count) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            count(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

public sealed class AuthenticationTests(AuthenticatedServices services) : IClassFixture<AuthenticatedServices>
{
    [Fact]
    public async Task Health_and_alive_are_anonymous_and_everything_else_needs_a_token()
    {
        Assert.Equal(HttpStatusCode.OK, (await services.Http.GetAsync("/alive")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await services.Http.GetAsync("/health")).StatusCode);
        foreach (var path in new[] { "/api/probe/me", "/openapi/v1.json", "/api/no-such-route" })
        {
            using var response = await services.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public async Task Keys_and_the_token_endpoint_are_read_from_the_metadata_address_when_the_issuer_does_not_answer()
    {
        var discovery = await services.Identity.Http.GetFromJsonAsync<JsonElement>(".well-known/openid-configuration");
        var keys = new Uri(discovery.GetProperty("jwks_uri").GetString()!);
        Assert.Equal(services.Identity.Issuer.Authority, keys.Authority);
        Assert.NotEqual(services.Identity.Address.Authority, keys.Authority);
        using (var issuer = new HttpClient())
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => issuer.GetAsync(keys));
        }

        // A valid token is accepted (keys read from the provider's own address) and the service gets its own token
        // for the downstream call (token endpoint likewise).
        var token = await services.Identity.ServiceTokenAsync("portal-automation");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/probe/downstream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await services.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_service_token_names_the_service_and_no_ownership()
    {
        var token = await services.Identity.ServiceTokenAsync("portal-automation");
        var me = await GetMeAsync(token);
        Assert.Equal("external:portal-automation", me.GetProperty("subject").GetString());
        Assert.True(me.GetProperty("isService").GetBoolean());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("userEntityRef").ValueKind);
        Assert.Empty(me.GetProperty("ownershipEntityRefs").EnumerateArray());
    }

    [Fact]
    public async Task A_service_calls_another_with_its_own_cached_client_credentials_token()
    {
        var token = await services.Identity.ServiceTokenAsync("portal-automation");
        var before = services.TokenRequests;
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/probe/downstream");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await services.Http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var downstreamSaw = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("plugin:search", downstreamSaw.GetProperty("subject").GetString());
            Assert.True(downstreamSaw.GetProperty("isService").GetBoolean());
        }

        Assert.InRange(services.TokenRequests - before, 0, 1);
    }

    [Fact]
    public async Task Refused_tokens_are_401_problems_and_no_token_reaches_a_log()
    {
        var real = await services.Identity.ServiceTokenAsync("portal-automation");
        var forged = await ForgedTokens.FromProviderAsync(services.Identity);
        var refused = new Dictionary<string, string>
        {
            ["expired"] = forged.Expired(real, TimeSpan.FromMinutes(5)),
            ["audience"] = forged.Resign(real, claims => claims["aud"] = "somebody-else"),
            ["issuer"] = forged.Resign(real, claims => claims["iss"] = "https://evil.example/"),
            ["signature"] = ForgedTokens.Tampered(real),
            ["well-formed"] = "a.b",
        };

        foreach (var (reason, token) in refused)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/probe/write");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await services.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        // A token in the query string is refused even beside a good header.
        using (var query = new HttpRequestMessage(HttpMethod.Get, "/api/probe/me?access_token=" + real))
        {
            query.Headers.Authorization = new AuthenticationHeaderValue("Bearer", real);
            Assert.Equal(HttpStatusCode.Unauthorized, (await services.Http.SendAsync(query)).StatusCode);
        }

        await GetMeAsync(real);
        var logs = string.Join("\n", services.Logs);
        Assert.NotEmpty(services.Logs);
        foreach (var token in refused.Values.Append(real).Where(t => t.Length > 20))
        {
            // The signature part is what makes a token usable; neither it nor the whole token is ever logged.
            Assert.DoesNotContain(token.Split('.')[^1], logs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_huge_header_or_a_non_bearer_scheme_is_a_401_problem()
    {
        foreach (var header in new[] { "Bearer " + new string('x', 100_000), "Basic dXNlcjpwYXNz", "Bearer", "Bearer !!!@@@###" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/probe/me");
            request.Headers.TryAddWithoutValidation("Authorization", header);
            using var response = await services.Http.SendAsync(request);
            // Kestrel refuses headers over its size limit itself (431) before any handler runs; either way, never accepted.
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.RequestHeaderFieldsTooLarge,
                $"{header[..Math.Min(12, header.Length)]}…: {(int)response.StatusCode}");
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        }
    }

    private async Task<JsonElement> GetMeAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/probe/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await services.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
