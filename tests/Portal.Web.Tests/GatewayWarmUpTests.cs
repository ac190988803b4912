using System.Net.Http.Json;
using System.Text.Json;
using Portal.Testing;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>
/// The front door reports ready only after it has sent its warm-up requests through its own API gateway to the
/// catalog, so the first real requests after a start do not pay for the JIT's first tiers.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class GatewayWarmUpTests(PortalFixture portal)
{
    private const string WarmedUp = "API gateway warmed up: 200 requests (0 not answered by the service)";

    [Fact]
    public async Task The_front_door_is_ready_once_its_warm_up_went_through_the_gateway_to_the_catalog()
    {
        using var response = await portal.Http.GetAsync($"{portal.BaseUrl}/health");
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"/health answered {(int)response.StatusCode}: {health}");
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("gateway-warm-up").GetProperty("status").GetString());

        // The front door's structured log, as the Aspire dashboard received it (OTLP exports in batches: it may lag a few seconds).
        var log = await Eventually.GetAsync(
            () => portal.StructuredLogAsync("web"),
            lines => lines.Any(line => line.Contains(WarmedUp, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the warm-up's summary in the front door's structured log");
        Assert.Contains(log, line => line.Contains("Health check gateway-warm-up with status Unhealthy", StringComparison.Ordinal)
            && line.Contains("the API gateway is warming up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_warm_up_is_not_traced_by_the_front_door_nor_by_the_service_behind_it()
    {
        const string WarmUpAgent = "portal-gateway-warm-up"; // GatewayWarmUp.UserAgent
        const string Control = "gateway-warm-up-test-control";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{portal.BaseUrl}/api/catalog/entities/by-query?limit=1");
        request.Headers.UserAgent.ParseAdd(Control);
        using var response = await portal.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"by-query answered {(int)response.StatusCode}");

        // The same request with another name is recorded on both sides: the dashboard receives these spans.
        string[] traced = ["web", "catalog"];
        foreach (var resource in traced)
        {
            var agents = await Eventually.GetAsync(
                () => portal.SpanAttributeValuesAsync(resource, "user_agent.original"),
                values => values.Contains(Control), TimeSpan.FromSeconds(30), $"the control request's span in {resource}");
            Assert.DoesNotContain(WarmUpAgent, agents);
        }
    }
}
