using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Portal.ServiceDefaults.Tests;

/// <summary>Request bodies over <c>Kestrel:Limits:MaxRequestBodySize</c> are 413 problem details, on real Kestrel.</summary>
public sealed class RequestSizeLimitTests : IAsyncLifetime
{
    private const int Limit = 1024;
    private WebApplication? _app;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration[RequestSizeLimits.SettingName] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddServiceDefaults();
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapPost("/api/echo", (JsonElement body) => TypedResults.Ok(body.GetRawText().Length));
        _app.MapPost("/api/large", (JsonElement body) => TypedResults.Ok(body.GetRawText().Length)).WithMetadata(new RequestSizeLimitAttribute(4 * Limit));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>A JSON string literal of exactly <paramref name="bytes"/> bytes.</summary>
    private static string JsonOfSize(int bytes) => "\"" + new string('x', bytes - 2) + "\"";

    private static async Task AssertTooLargeAsync(HttpResponseMessage response, int limit, string path)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Equal("PayloadTooLargeError", problem.GetProperty("title").GetString());
        Assert.Equal(
            $"The request body is larger than the limit of {limit} bytes for POST {path} (Kestrel:Limits:MaxRequestBodySize).",
            problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_body_of_the_limit_is_taken_and_one_byte_more_is_a_413_problem()
    {
        var atLimit = await _http.PostAsync("/api/echo", new StringContent(JsonOfSize(Limit), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal(Limit, await atLimit.Content.ReadFromJsonAsync<int>());

        await AssertTooLargeAsync(await _http.PostAsync("/api/echo", new StringContent(JsonOfSize(Limit + 1), Encoding.UTF8, "application/json")), Limit, "/api/echo");
    }

    [Fact]
    public async Task A_chunked_body_without_a_length_is_stopped_at_the_limit_with_the_same_problem()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(JsonOfSize(10 * Limit))));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/echo") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        await AssertTooLargeAsync(await _http.SendAsync(request), Limit, "/api/echo");
    }

    [Fact]
    public async Task An_endpoint_may_set_its_own_limit()
    {
        var taken = await _http.PostAsync("/api/large", new StringContent(JsonOfSize(3 * Limit), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);

        await AssertTooLargeAsync(await _http.PostAsync("/api/large", new StringContent(JsonOfSize(4 * Limit + 1), Encoding.UTF8, "application/json")), 4 * Limit, "/api/large");
    }
}
