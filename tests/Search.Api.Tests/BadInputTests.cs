using System.Text.Json;
using Portal.Testing;
using Xunit;

namespace Search.Api.Tests;

/// <summary>
/// The bad-input families against every search endpoint that takes input: each is a 4xx problem naming the
/// parameter, never a 500; a refused reindex starts no rebuild.
/// </summary>
[Collection(SearchCollection.Name)]
public sealed class BadInputTests(SearchApp app)
{
    public static TheoryData<string, string, string?, string?, int, string> Corpus() => new()
    {
        { "GET", "/api/search/query?term=orders%00", null, null, 400, "term" },
        { "GET", "/api/search/query?term=%01%02", null, null, 400, "term" },
        { "GET", "/api/search/query?term=tab%09here", null, null, 400, "term" },
        { "GET", "/api/search/query?term=x&filters%5Bkind%5D=component%00", null, null, 400, "filters[kind]" },
        { "GET", "/api/search/query?term=x&filters%5Bkind%5D%5B0%5D=%1B", null, null, 400, "filters[kind][0]" },
        { "GET", "/api/search/query?types%5B0%5D=software-catalog%00", null, null, 400, "types[0]" },
        { "GET", "/api/search/query?term=x&pageLimit=99999999999", null, null, 400, "pageLimit" },
        { "GET", "/api/search/query?term=x&pageLimit=abc", null, null, 400, "pageLimit" },
        { "GET", "/api/search/query?term=x&pageCursor=%00", null, null, 400, "pageCursor" },
        { "GET", "/api/search/query?term=x&pageCursor=OTk5OTk5OTk5OTk%3D", null, null, 400, "pageCursor" },
        { "GET", "/api/search/query?te%00rm=x", null, null, 400, "query parameter name" },
        { "GET", "/api/search/suggest?term=ord%00", null, null, 400, "term" },
        { "GET", "/api/search/suggest?term=ord&types%5B0%5D=%7F", null, null, 400, "types[0]" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public Task Bad_queries_are_4xx_problems_naming_the_parameter(
        string method, string url, string? body, string? contentType, int status, string field) =>
        BadInput.AssertRefusedAsync(app.Http, method, url, body, contentType, status, field);

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "application/x-www-form-urlencoded")]
    [InlineData("", "multipart/form-data; boundary=x")]
    [InlineData("{}", "text/plain")]
    public async Task A_reindex_that_a_cross_site_form_could_send_is_415_and_starts_nothing(string? body, string? contentType)
    {
        var before = await Eventually.GetAsync(app.StatusAsync, s => s.GetProperty("building").ValueKind == JsonValueKind.Null,
            TimeSpan.FromSeconds(60), "no rebuild running");
        var fingerprint = await BadInput.FingerprintAsync(app.SearchConnectionString, "index_generations");

        await BadInput.AssertRefusedAsync(app.Http, "POST", "/api/search/reindex", body, contentType, 415, "Content-Type");

        Assert.Equal(fingerprint, await BadInput.FingerprintAsync(app.SearchConnectionString, "index_generations"));
        var after = await app.StatusAsync();
        Assert.Equal(before.GetProperty("live").GetProperty("generation").GetInt32(), after.GetProperty("live").GetProperty("generation").GetInt32());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("building").ValueKind);
    }
}
