using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Testing;
using Xunit;

namespace Search.Api.Tests;

/// <summary>A reindex request leaves exactly one audit entry (target <c>search-index</c>), written with the claim.</summary>
[Collection(SearchCollection.Name)]
public sealed class ReindexAuditTests(SearchApp app)
{
    [Fact]
    public async Task A_reindex_request_records_one_entry_in_its_trace()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/search/reindex") { Content = JsonContent.Create(new { }) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        var before = (await app.StatusAsync()).GetProperty("live").GetProperty("generation").GetInt32();

        Assert.Equal(HttpStatusCode.Accepted, (await app.Http.SendAsync(request)).StatusCode);
        // The rebuild runs on after the request: let it finish so it does not swap generations under the next test.
        await Eventually.GetAsync(app.StatusAsync,
            s => s.GetProperty("live").GetProperty("generation").GetInt32() > before && s.GetProperty("building").ValueKind == JsonValueKind.Null,
            TimeSpan.FromSeconds(60), "the rebuild to be swapped live");

        List<JsonElement> Mine(JsonElement page) =>
            page.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("traceId").GetString() == traceId).ToList();
        await Eventually.GetAsync(() => app.Identity.AuditPageAsync("target=search-index&limit=500"), page => Mine(page).Count > 0,
            TimeSpan.FromSeconds(30), "the reindex's audit entry");
        await Task.Delay(500);
        var entry = Assert.Single(Mine(await app.Identity.AuditPageAsync("target=search-index&limit=500")));
        Assert.Equal("search.reindex", entry.GetProperty("action").GetString());
        Assert.Equal("external:portal-automation", entry.GetProperty("actor").GetString());
        Assert.Equal("succeeded", entry.GetProperty("outcome").GetString());
        Assert.Equal("search", entry.GetProperty("service").GetString());
    }
}
