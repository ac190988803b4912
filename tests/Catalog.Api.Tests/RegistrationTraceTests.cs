using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Portal.Contracts;
using Portal.Contracts.Catalog.V1;
using Portal.Testing;
using Xunit;

namespace Catalog.Api.Tests;

/// <summary>
/// A registration is one trace: the caller's request, the refresh it causes, the outbox publishing its events and their
/// delivery to subscribers. The spans are those the catalog's own tracer provider sees, so a source it does not listen
/// to would leave a gap.
/// </summary>
public sealed class RegistrationTraceTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    private const string RefreshSpan = "catalog refresh location";

    private static string Component(string name, string owner = "team-a") => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: service
          lifecycle: production
          owner: {owner}
        """;

    [Fact]
    public async Task A_registration_is_refreshed_and_its_events_published_in_the_registering_trace()
    {
        using var spans = app.Spans.Start();
        var file = app.WriteFile("traced/catalog-info.yaml", Component("traced-ledger") + "\n---\n" + Component("traced-audit"));

        var (caller, location) = await RegisterAsync(file);

        var request = await ServerSpanAsync(spans, caller);
        var refresh = await RefreshSpanAsync(spans, location, span => span.TraceId == caller.TraceId);
        Assert.Equal(request.SpanId, refresh.ParentSpanId);

        // Two components and the location's generated Location entity.
        await WaitForEventsAsync<EntityRegistered>("component:default/traced-ledger", "component:default/traced-audit");
        var published = await spans.WaitForAsync(
            span => span.TraceId == caller.TraceId && span.OperationName == "outbox publish EntityRegistered", "the registration's events published", count: 3);
        Assert.All(published, span => Assert.Equal(refresh.SpanId, span.ParentSpanId));

        // MassTransit carries the context in the message headers: the test subscriber consumes in the same trace, below a publish.
        var consumed = await spans.WaitForAsync(
            span => span.TraceId == caller.TraceId && span.Source.Name == "MassTransit" && span.Kind == ActivityKind.Consumer,
            "the subscriber's consume spans", count: 3);
        // The registration's audit entry is published in the same trace, from the request rather than the refresh.
        await Eventually.GetAsync(
            () => Task.FromResult(spans.InTrace(caller.TraceId)),
            trace => consumed.All(span => Ancestors(span, trace).Any(ancestor => ancestor.OperationName.StartsWith("outbox publish ", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(10), "every consume span to descend from an outbox publish span");
    }

    [Fact]
    public async Task A_scheduled_refresh_after_the_registration_starts_a_trace_of_its_own()
    {
        using var spans = app.Spans.Start();
        var file = app.WriteFile("scheduled/catalog-info.yaml", Component("scheduled-ledger"));
        var (caller, location) = await RegisterAsync(file);
        var registration = await RefreshSpanAsync(spans, location, span => span.TraceId == caller.TraceId);

        app.WriteFile("scheduled/catalog-info.yaml", Component("scheduled-ledger", owner: "team-b"));
        await MakeDueAsync(location.Id);

        var scheduled = await RefreshSpanAsync(spans, location, span => span.SpanId != registration.SpanId);
        Assert.NotEqual(caller.TraceId, scheduled.TraceId);
        Assert.Equal(default, scheduled.ParentSpanId);
        var published = await spans.WaitForAsync(
            span => span.TraceId == scheduled.TraceId && span.OperationName == "outbox publish EntityUpdated", "the scheduled refresh's update published");
        Assert.All(published, span => Assert.Equal(scheduled.SpanId, span.ParentSpanId));
    }

    [Fact]
    public async Task A_refresh_request_is_refreshed_and_its_events_published_in_the_requesting_trace()
    {
        var file = app.WriteFile("requested/catalog-info.yaml", Component("requested-ledger"));
        var (_, location) = await RegisterAsync(file);
        await app.WaitForRefreshAsync(location.Id, DateTimeOffset.MinValue);
        app.WriteFile("requested/catalog-info.yaml", Component("requested-ledger", owner: "team-b"));

        using var spans = app.Spans.Start();
        using var caller = SpanRecorder.StartCaller("POST /api/catalog/refresh");
        (await SendAsync(caller, HttpMethod.Post, "/api/catalog/refresh", new { locationId = location.Id })).EnsureSuccessStatusCode();
        caller.Stop();

        var request = await ServerSpanAsync(spans, caller);
        var refresh = await RefreshSpanAsync(spans, location, span => span.TraceId == caller.TraceId);
        Assert.Equal(request.SpanId, refresh.ParentSpanId);
        var published = await spans.WaitForAsync(
            span => span.TraceId == caller.TraceId && span.OperationName == "outbox publish EntityUpdated", "the requested refresh's update published");
        Assert.All(published, span => Assert.Equal(refresh.SpanId, span.ParentSpanId));
    }

    [Fact]
    public async Task Deleting_a_location_publishes_its_removals_in_the_deleting_trace()
    {
        var file = app.WriteFile("deleted/catalog-info.yaml", Component("deleted-ledger"));
        var (_, location) = await RegisterAsync(file);
        await app.WaitForRefreshAsync(location.Id, DateTimeOffset.MinValue);

        using var spans = app.Spans.Start();
        using var caller = SpanRecorder.StartCaller("DELETE /api/catalog/locations/{id}");
        (await SendAsync(caller, HttpMethod.Delete, $"/api/catalog/locations/{location.Id}")).EnsureSuccessStatusCode();
        caller.Stop();

        var request = await ServerSpanAsync(spans, caller);
        // The component and the location's generated Location entity.
        var published = await spans.WaitForAsync(
            span => span.TraceId == caller.TraceId && span.OperationName == "outbox publish EntityRemoved", "the removals published", count: 2);
        Assert.All(published, span => Assert.Equal(request.SpanId, span.ParentSpanId));
    }

    private sealed record RegisteredLocation(Guid Id, string Name);

    /// <summary>Registers the file as a front door would forward the request: with its caller's traceparent.</summary>
    private async Task<(Activity Caller, RegisteredLocation Location)> RegisterAsync(string file)
    {
        var caller = SpanRecorder.StartCaller("POST /api/catalog/locations");
        var response = await SendAsync(caller, HttpMethod.Post, "/api/catalog/locations", new { type = "file", target = file });
        caller.Stop();
        Assert.True(response.IsSuccessStatusCode, $"registering {file}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var location = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("location");
        return (caller, new RegisteredLocation(
            location.GetProperty("id").GetGuid(), $"{location.GetProperty("type").GetString()}:{location.GetProperty("target").GetString()}"));
    }

    private Task<HttpResponseMessage> SendAsync(Activity caller, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("traceparent", caller.Id);
        return app.Http.SendAsync(request);
    }

    private static async Task<Activity> ServerSpanAsync(SpanRecording spans, Activity caller)
    {
        var request = Assert.Single(await spans.WaitForAsync(
            span => span.TraceId == caller.TraceId && span.Kind == ActivityKind.Server, $"the catalog's span of {caller.OperationName}"));
        Assert.Equal(caller.SpanId, request.ParentSpanId);
        return request;
    }

    private static async Task<Activity> RefreshSpanAsync(SpanRecording spans, RegisteredLocation location, Func<Activity, bool> match) =>
        Assert.Single(await spans.WaitForAsync(
            span => span.OperationName == RefreshSpan && Equals(span.GetTagItem("catalog.location"), location.Name) && match(span),
            $"a refresh of {location.Name}"));

    /// <summary>Plays the schedule: the location falls due as it would once its refresh interval has passed.</summary>
    private async Task MakeDueAsync(Guid locationId)
    {
        await using var connection = new NpgsqlConnection(app.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE locations SET next_refresh_at = now() WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", locationId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private Task WaitForEventsAsync<TEvent>(params string[] entityRefs) where TEvent : IEntityEvent =>
        Eventually.GetAsync(
            () => Task.FromResult(app.Events.OfType<TEvent>().Select(e => e.EntityRef).ToHashSet()),
            received => received.IsSupersetOf(entityRefs),
            TimeSpan.FromSeconds(30), $"{typeof(TEvent).Name} of {string.Join(", ", entityRefs)}");

    private static IEnumerable<Activity> Ancestors(Activity span, IReadOnlyList<Activity> trace)
    {
        for (var parent = trace.FirstOrDefault(s => s.SpanId == span.ParentSpanId); parent is not null;
             parent = trace.FirstOrDefault(s => s.SpanId == parent.ParentSpanId))
        {
            yield return parent;
        }
    }
}
