using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using OpenTelemetry.Trace;
using Portal.ServiceDefaults.Authentication;
using Portal.Testing;
using Xunit;

namespace Portal.ServiceDefaults.Tests;

/// <summary>
/// The revoked-subjects poll of every service (every few seconds) is not traced: it passes a not-sampled trace context
/// to the endpoint it reads, so the provider records nothing of it either, and the service exports no span of it —
/// while a request to the service is still traced. The token comes from the real identity provider; the polled
/// endpoint is a recorder of what the poll sends.
/// </summary>
public sealed class RevocationPollTracingTests(AuthenticatedServices services) : IClassFixture<AuthenticatedServices>
{
    private const string RevokedSubjectsPath = "/api/identity/v1/revoked-subjects";

    [Fact]
    public async Task Polls_carry_a_not_sampled_context_and_export_no_span_while_requests_are_traced()
    {
        var polls = new ConcurrentQueue<string>();
        var recorder = WebApplication.CreateBuilder();
        recorder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var endpoint = recorder.Build();
        endpoint.MapGet(RevokedSubjectsPath, (HttpRequest request) =>
        {
            polls.Enqueue(request.Headers.TryGetValue("traceparent", out var parent) ? parent.ToString() : "(none)");
            return Results.Json(new { items = Array.Empty<object>() });
        });
        await endpoint.StartAsync();

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        foreach (var (key, value) in services.Identity.ServiceSettings("search"))
        {
            builder.Configuration[key] = value;
        }

        builder.Configuration["Authentication:RevocationPollInterval"] = "00:00:00.200";
        builder.Configuration["Authentication:RevokedSubjectsAddress"] = new Uri(AuthenticatedServices.Address(endpoint), RevokedSubjectsPath).ToString();
        builder.AddServiceDefaults();
        builder.AddPortalAuthentication();
        var spans = new List<Activity>();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/api/probe/me", (PortalUser caller) => caller.Subject);
        await app.StartAsync();

        await Eventually.GetAsync(() => Task.FromResult(polls.Count), count => count >= 3, TimeSpan.FromSeconds(30), "three polls of the revoked subjects");
        using var http = new HttpClient { BaseAddress = AuthenticatedServices.Address(app) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/probe/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await services.Identity.ServiceTokenAsync("portal-automation"));
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        var exported = await Eventually.GetAsync(() => Task.FromResult(spans.ToList()),
            list => list.Any(span => span.Kind == ActivityKind.Server && span.DisplayName.Contains("/api/probe/me", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "the request's server span");

        var pollTraces = polls.ToList();
        Assert.All(pollTraces, parent => Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-00$", parent));
        Assert.DoesNotContain(exported, span => pollTraces.Any(parent => parent.Contains(span.TraceId.ToHexString(), StringComparison.Ordinal)));
        Assert.DoesNotContain(exported, span => span.Kind == ActivityKind.Client
            && (span.GetTagItem("url.full") as string ?? "").Contains(RevokedSubjectsPath, StringComparison.Ordinal));
    }
}
