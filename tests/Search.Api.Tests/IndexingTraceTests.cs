using System.Diagnostics;
using System.Net.Http.Json;
using Portal.Testing;
using Xunit;

namespace Search.Api.Tests;

/// <summary>
/// Indexing belongs to the trace of the registration that caused it: the search service consumes the catalog's events
/// (in batches) below the catalog's publish, and writes the index below the batch's consume span.
/// </summary>
[Collection(SearchCollection.Name)]
public sealed class IndexingTraceTests(SearchApp app)
{
    [Fact]
    public async Task A_registration_in_the_catalog_is_indexed_in_the_registering_trace()
    {
        using var spans = app.Spans.Start();
        var file = app.WriteFile("traced/catalog-info.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: beacon-service
              description: Lights the trail markers at dusk
            spec:
              type: service
              lifecycle: production
              owner: team-lights
            """);
        var caller = SpanRecorder.StartCaller("POST /api/catalog/locations");
        using var register = new HttpRequestMessage(HttpMethod.Post, "/api/catalog/locations") { Content = JsonContent.Create(new { type = "file", target = file }) };
        register.Headers.Add("traceparent", caller.Id);
        (await app.Catalog.SendAsync(register)).EnsureSuccessStatusCode();
        caller.Stop();
        await app.QueryUntilAsync("term=trail markers", r => r.GetArrayLength() == 1, "the registered component");

        // The component and the location's generated Location entity: their events are indexed in batches (one or two
        // here), each batch's consume span below the consume of the batch's last message, and the batch's write below it.
        var writes = await spans.WaitForAsync(
            span => span.TraceId == caller.TraceId && span.Source.Name == "Npgsql"
                    && span.GetTagItem("db.query.text") is string sql && sql.Contains("INSERT INTO search_documents", StringComparison.Ordinal),
            "the index writes", count: 1);
        var trace = await Eventually.GetAsync(
            () => Task.FromResult(spans.InTrace(caller.TraceId)),
            trace => writes.All(write => Ancestors(write, trace).Any(span => span.Kind == ActivityKind.Server)),
            TimeSpan.FromSeconds(10), "the index writes' ancestors up to the catalog's request span");
        Assert.All(writes, write =>
        {
            var consume = Assert.Single(Ancestors(write, trace).Take(1));
            Assert.Equal(ActivityKind.Consumer, consume.Kind);
            Assert.Equal("Search.Api.IntegrationEvents.EventHandling.EntityRegisteredConsumer", consume.GetTagItem("messaging.masstransit.consumer_type"));
        });

        // Up the trace: the catalog's publish from its outbox, the refresh, the registration request.
        Assert.All(writes, write => Assert.Equal(
            ["outbox publish EntityRegistered", "catalog refresh location", "POST /api/catalog/locations"],
            Ancestors(write, trace).Where(span => span.Source.Name.StartsWith("Portal", StringComparison.Ordinal) || span.Kind == ActivityKind.Server)
                .Select(span => span.DisplayName)));
    }

    private static IEnumerable<Activity> Ancestors(Activity span, IReadOnlyList<Activity> trace)
    {
        for (var parent = trace.FirstOrDefault(s => s.SpanId == span.ParentSpanId); parent is not null;
             parent = trace.FirstOrDefault(s => s.SpanId == parent.ParentSpanId))
        {
            yield return parent;
        }
    }
}
