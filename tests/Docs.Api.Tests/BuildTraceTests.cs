using System.Diagnostics;
using System.Net.Http.Json;
using Portal.Testing;
using Xunit;

namespace Docs.Api.Tests;

/// <summary>
/// A docs build is queued in the database and run by a worker later, yet belongs to the trace of what asked for it:
/// the consumed catalog event or the sync request.
/// </summary>
public sealed class BuildTraceTests(DocsApp app) : IClassFixture<DocsApp>
{
    private const string BuildSpan = "docs build";

    [Fact]
    public async Task A_build_queued_by_a_consumed_event_runs_in_the_consumers_trace()
    {
        using var spans = app.Spans.Start();
        var folder = app.Folder("traced-docs", Corpus.DocsTemplateSkeleton);
        var caller = SpanRecorder.StartCaller("outbox publish EntityRegistered");
        await app.RegisterAsync("traced-docs", folder);
        caller.Stop();

        var build = await BuildSpanAsync(spans, "traced-docs");
        Assert.Equal(caller.TraceId, build.TraceId);
        var consume = Assert.Single(spans.InTrace(caller.TraceId), span => span.SpanId == build.ParentSpanId);
        Assert.Equal(("MassTransit", ActivityKind.Consumer), (consume.Source.Name, consume.Kind));
        Assert.Equal("Docs.Api.IntegrationEvents.EventHandling.EntityRegisteredConsumer", consume.GetTagItem("messaging.masstransit.consumer_type"));

        var published = await spans.WaitForAsync(
            span => span.TraceId == caller.TraceId && span.OperationName == "outbox publish DocsBuilt", "DocsBuilt published");
        Assert.Equal(build.SpanId, Assert.Single(published).ParentSpanId);
    }

    [Fact]
    public async Task A_build_requested_by_a_sync_runs_in_the_requests_trace()
    {
        var folder = app.Folder("synced-docs", Corpus.DocsTemplateSkeleton);
        await app.RegisterAsync("synced-docs", folder);
        await app.WaitForFinishedBuildsAsync("synced-docs", 1);

        using var spans = app.Spans.Start();
        var caller = SpanRecorder.StartCaller("POST /api/techdocs/sync");
        using var sync = new HttpRequestMessage(HttpMethod.Post, "/api/techdocs/sync/default/component/synced-docs");
        sync.Headers.Add("traceparent", caller.Id);
        sync.Content = JsonContent.Create(new { });
        (await app.Http.SendAsync(sync)).EnsureSuccessStatusCode();
        caller.Stop();

        var request = Assert.Single(await spans.WaitForAsync(
            span => span.TraceId == caller.TraceId && span.Kind == ActivityKind.Server, "the docs service's span of the sync request"));
        // Another build of the same entity (one a catalog event queued) may run meanwhile: the sync's is the one in its trace.
        var build = Assert.Single(await spans.WaitForAsync(
            span => span.OperationName == BuildSpan && span.TraceId == caller.TraceId, "the build of synced-docs in the sync request's trace"));
        Assert.Equal("component:default/synced-docs", build.GetTagItem("docs.entity"));
        Assert.Equal(request.SpanId, build.ParentSpanId);
    }

    private static async Task<Activity> BuildSpanAsync(SpanRecording spans, string name) =>
        Assert.Single(await spans.WaitForAsync(
            span => span.OperationName == BuildSpan && Equals(span.GetTagItem("docs.entity"), $"component:default/{name}"),
            $"the build of {name}"));
}
