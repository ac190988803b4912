using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Portal.Testing;
using Portal.ServiceDefaults.BadRequests;
using Xunit;

namespace Portal.ServiceDefaults.Tests;

/// <summary>
/// A service built with the defaults, in Production (where the binder would otherwise answer an empty 400) and
/// Development (where it would answer 500): every bad input is a 4xx problem naming the field, and reaches no endpoint.
/// </summary>
public sealed class BadRequestTests(PostgresDatabase database) : IAsyncLifetime, IClassFixture<PostgresDatabase>
{
    private readonly Dictionary<string, (WebApplication App, HttpClient Http)> _apps = [];
    private int _calls;

    public sealed record Item(string? Name, int Count, JsonObject? Extra);

    public async Task InitializeAsync()
    {
        foreach (var environment in new[] { Environments.Production, Environments.Development })
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.AddServiceDefaults();
            var app = builder.Build();
            app.MapDefaultEndpoints();
            app.MapGet("/probe/items", (int? limit, int? offset, bool? flag, Guid? id, string? name) => Touch(new { limit, offset, flag, id, name }));
            app.MapGet("/probe/items/{name}", (string name) => Touch(name));
            app.MapPost("/probe/items", (Item item) => Touch(item));
            app.MapPost("/probe/touch", () => Touch("touched")).RequireJsonRequest();
            app.MapPost("/probe/optional", (Item? item) => Touch(item)).RequireJsonRequest();
            app.MapGet("/probe/store", async (string base64) =>
            {
                // Text that passed every guard (here smuggled in as base64) and that PostgreSQL refuses as data.
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT @text::text", connection);
                command.Parameters.AddWithValue("text", Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
                return Touch(await command.ExecuteScalarAsync());
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            _apps[environment] = (app, new HttpClient { BaseAddress = new Uri(address) });
        }
    }

    private IResult Touch(object? value)
    {
        Interlocked.Increment(ref _calls);
        return Results.Ok(value);
    }

    public static TheoryData<string, string> BadQueries => new()
    {
        { "/probe/items?limit=99999999999", "limit" },
        { "/probe/items?offset=2147483648", "offset" },
        { "/probe/items?limit=abc", "limit" },
        { "/probe/items?limit=1e3", "limit" },
        { "/probe/items?flag=maybe", "flag" },
        { "/probe/items?id=not-a-uuid", "id" },
        { "/probe/items?name=a%00b", "name" },
        { "/probe/items?name=a%01b", "name" },
        { "/probe/items?name=line%0Abreak", "name" },
        { "/probe/items?name=%C2%9B", "name" },
        { "/probe/items?other=%00", "other" },
        { "/probe/items/a%01b", "name" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Bad_parameters_are_400_problems_naming_the_parameter(string url, string field)
    {
        foreach (var (environment, (_, http)) in _apps)
        {
            var before = _calls;
            using var response = await http.GetAsync(url);
            await AssertProblemAsync(response, HttpStatusCode.BadRequest, field, $"{environment} {url}");
            Assert.Equal(before, _calls);
        }
    }

    [Fact]
    public async Task An_optional_number_out_of_range_says_which_numbers_are_allowed()
    {
        foreach (var (environment, (_, http)) in _apps)
        {
            using var response = await http.GetAsync("/probe/items?limit=99999999999");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(body.Contains($"is not a whole number from {int.MinValue} to {int.MaxValue}", StringComparison.Ordinal), $"{environment}: {body}");
        }
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "{", "body", "line 1" },
        { "", "body", "JSON body" },
        { "   ", "body", "line 1" },
        { "[]", "body", "" },
        { "{\"name\": 5, \"count\": 1}", "name", "" },
        { "{\"name\": \"x\", \"count\": \"many\"}", "count", "" },
        { "{\"name\": \"x\", \"count\": 99999999999}", "count", "" },
        { "{\"name\": \"x\", \"count\": 1.5}", "count", "" },
        { "{\"name\": \"a\\u0000b\", \"count\": 1}", "name", "U+0000" },
        { "{\"name\": \"x\", \"extra\": {\"deep\": [\"ok\", \"a\\u0000\"]}}", "extra.deep[1]", "U+0000" },
        { "{\"name\": \"x\",\n \"extra\": {\"k\\u0000\": 1}}", "extra.k?", "line 2" },
        { "{\"name\": \"\\ud800\", \"count\": 1}", "name", "surrogate" },
        { "{\"name\": \"x\", \"count\": 1} {}", "body", "" },
        { "{\"name\": \"x\", \"count\": 1,}", "count", "trailing comma" },
        { "{\"name\": \"x\" // comment\n}", "name", "" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_json_bodies_are_400_problems_naming_the_field(string body, string field, string mention)
    {
        foreach (var (environment, (_, http)) in _apps)
        {
            var before = _calls;
            using var response = await http.PostAsync("/probe/items", new StringContent(body, Encoding.UTF8, "application/json"));
            var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, field, $"{environment} {body}");
            Assert.Contains(mention, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(before, _calls);
        }
    }

    [Fact]
    public async Task Nesting_ten_thousand_deep_is_refused_at_the_default_depth()
    {
        var body = "{\"name\":\"x\",\"extra\":" + string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_001);
        var (_, http) = _apps[Environments.Production];
        using var response = await http.PostAsync("/probe/items", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.StartsWith("extra.a.a.a", problem.GetProperty("errors").EnumerateObject().Single().Name, StringComparison.Ordinal);
        Assert.Contains("depth of 64", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(text.Length < 2_000, text);
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_refused_with_the_line()
    {
        var bytes = "{\"count\": 1,\n\"name\": \"caf"u8.ToArray().Concat(new byte[] { 0xE9, 0x22, 0x7D }).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        var (_, http) = _apps[Environments.Production];
        using var response = await http.PostAsync("/probe/items", content);
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "name", "invalid UTF-8");
        Assert.Equal(2, problem.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var (_, http) = _apps[Environments.Production];
        using var response = await http.PostAsync("/probe/items", new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type", "form");
    }

    [Theory]
    [InlineData("/probe/touch")]
    [InlineData("/probe/optional")]
    public async Task A_bodyless_state_changing_post_needs_a_json_content_type(string path)
    {
        var (_, http) = _apps[Environments.Production];
        var before = _calls;
        using (var bare = await http.PostAsync(path, null))
        {
            await AssertProblemAsync(bare, HttpStatusCode.UnsupportedMediaType, "Content-Type", "bare POST");
        }

        using (var form = await http.PostAsync(path, new FormUrlEncodedContent([])))
        {
            await AssertProblemAsync(form, HttpStatusCode.UnsupportedMediaType, "Content-Type", "form POST");
        }

        using (var plain = await http.PostAsync(path, new StringContent("", Encoding.UTF8, "text/plain")))
        {
            await AssertProblemAsync(plain, HttpStatusCode.UnsupportedMediaType, "Content-Type", "text/plain POST");
        }

        Assert.Equal(before, _calls);
        using var json = await http.PostAsync(path, new StringContent("", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(before + 1, _calls);
    }

    [Fact]
    public async Task Text_postgresql_refuses_as_data_is_a_400_not_a_500()
    {
        var (_, http) = _apps[Environments.Production];
        using var refused = await http.GetAsync("/probe/store?base64=" + Uri.EscapeDataString(Convert.ToBase64String("a\0b"u8.ToArray())));
        var problem = await AssertProblemAsync(refused, HttpStatusCode.BadRequest, "request", "NUL stored");
        Assert.Contains("cannot be stored", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var stored = await http.GetAsync("/probe/store?base64=" + Uri.EscapeDataString(Convert.ToBase64String("ab"u8.ToArray())));
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
    }

    [Fact]
    public async Task Good_input_still_reaches_the_endpoint()
    {
        var (_, http) = _apps[Environments.Production];
        using var query = await http.GetAsync("/probe/items?limit=5&name=caf%C3%A9%20ok");
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Equal("café ok", (await query.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        using var body = await http.PostAsJsonAsync("/probe/items", new { name = "multi\nline\ttext é", count = 2, extra = new { a = new[] { 1, 2 } } });
        Assert.Equal(HttpStatusCode.OK, body.StatusCode);
        Assert.Equal("multi\nline\ttext é", (await body.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{what}: expected {(int)status}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var reasons), $"{what}: no error for '{field}' in {text}");
        Assert.False(string.IsNullOrWhiteSpace(reasons[0].GetString()));
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        return problem;
    }

    public async Task DisposeAsync()
    {
        foreach (var (app, http) in _apps.Values)
        {
            http.Dispose();
            await app.DisposeAsync();
        }
    }
}
