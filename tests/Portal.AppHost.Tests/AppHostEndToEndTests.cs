using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Portal.Testing;
using Xunit;

namespace Portal.AppHost.Tests;

/// <summary>
/// The real AppHost through Aspire.Hosting.Testing, with its dashboard: every resource healthy, the demo catalog
/// served through the front door, and one registration one trace across the services it sets to work.
/// </summary>
public sealed class AppHostEndToEndTests
{
    private static readonly string[] Resources =
        ["postgres", "catalogdb", "docsdb", "searchdb", "scaffolderdb", "identitydb", "scorecardsdb", "rabbitmq", "catalog", "docs", "search", "scaffolder", "identity", "scorecards", "web"];

    [Fact]
    public async Task Every_resource_is_healthy_the_demo_catalog_is_served_and_a_registration_is_one_trace_across_the_services()
    {
        var ports = new AppHostPorts();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        // The testing builder replaces the AppHost's own arguments (give it the dashboard's loopback defaults too) and
        // would move the dashboard to a random port.
        var automationSecret = "automation-" + Guid.NewGuid().ToString("N");
        var tokens = new PortalTokens(() => ports.FrontDoorUrl, automationSecret, devPassword: "");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Portal_AppHost>(
            [.. PortalDefaults.Options(ports.Arguments).Args!, "--DcpPublisher:RandomizePorts=false", $"--PORTAL_AUTOMATION_SECRET={automationSecret}"],
            (options, _) => options.DisableDashboard = false,
            cancel.Token);
        try
        {
            await using var app = await builder.BuildAsync(cancel.Token);
            await app.StartAsync(cancel.Token);
            foreach (var resource in Resources)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancel.Token);
            }

            using var http = new HttpClient(new AutomationTokenHandler(tokens, () => ports.FrontDoor) { InnerHandler = new HttpClientHandler() })
            {
                BaseAddress = new Uri(ports.FrontDoorUrl),
                Timeout = TimeSpan.FromSeconds(10),
            };
            var orders = await Eventually.GetAsync(
                () => http.GetAsync("/api/catalog/entities/by-name/component/default/orders-service"),
                r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the demo catalog through the front door");
            var entity = await orders.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("team-checkout", entity.GetProperty("spec").GetProperty("owner").GetString());

            // A registration with a traceparent of ours: its trace id is the one to find on the dashboard.
            var trace = ActivityTraceId.CreateRandom();
            var location = WriteDocumentedComponent(ports.DataDirectory);
            using var register = new HttpRequestMessage(HttpMethod.Post, "/api/catalog/locations")
            {
                Content = JsonContent.Create(new { type = "file", target = location }),
            };
            register.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
            using var registered = await http.SendAsync(register, cancel.Token);
            Assert.True(registered.IsSuccessStatusCode, $"registration answered {(int)registered.StatusCode}: {await registered.Content.ReadAsStringAsync(cancel.Token)}");
            await Eventually.GetAsync(
                () => http.GetAsync("/api/techdocs/static/docs/default/component/traced-service/"),
                r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the registered component's docs built");

            using var dashboard = new HttpClient { BaseAddress = new Uri(ports.DashboardUrl), Timeout = TimeSpan.FromSeconds(10) };
            var services = await Eventually.GetAsync(
                () => ServicesInTraceAsync(dashboard, trace.ToString()),
                s => s.IsSupersetOf(["web", "catalog", "search", "docs"]), TimeSpan.FromSeconds(60),
                $"trace {trace} on the dashboard with spans of the front door, catalog, search and docs");
            Assert.True(services.Count >= 3, string.Join(", ", services));
        }
        finally
        {
            ports.DeleteData();
        }
    }

    /// <summary>The service names of every span the dashboard's telemetry API holds for the trace.</summary>
    private static async Task<HashSet<string>> ServicesInTraceAsync(HttpClient dashboard, string traceId)
    {
        using var response = await dashboard.GetAsync($"/api/telemetry/spans?traceId={traceId}");
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var services = new HashSet<string>(StringComparer.Ordinal);
        if (!body.TryGetProperty("data", out var data) || !data.TryGetProperty("resourceSpans", out var resourceSpans))
        {
            return services;
        }

        foreach (var resourceSpan in resourceSpans.EnumerateArray())
        {
            foreach (var attribute in resourceSpan.GetProperty("resource").GetProperty("attributes").EnumerateArray())
            {
                if (attribute.GetProperty("key").GetString() == "service.name")
                {
                    services.Add(attribute.GetProperty("value").GetProperty("stringValue").GetString()!);
                }
            }
        }

        return services;
    }

    /// <summary>A component with docs-like-code in the data folder's repos/, which the catalog and docs may read.</summary>
    private static string WriteDocumentedComponent(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "repos", "traced-service");
        Directory.CreateDirectory(Path.Combine(folder, "docs"));
        File.WriteAllText(Path.Combine(folder, "mkdocs.yml"), "site_name: Traced service\nnav:\n  - Home: index.md\n");
        File.WriteAllText(Path.Combine(folder, "docs", "index.md"), "# Traced service\n\nOne registration, one trace.\n");
        var file = Path.Combine(folder, "catalog-info.yaml");
        File.WriteAllText(file, """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: traced-service
              annotations:
                backstage.io/techdocs-ref: dir:.
            spec:
              type: service
              lifecycle: experimental
              owner: team-checkout
            """);
        return file;
    }
}
