using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Portal.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Drills.Tests;

/// <summary>
/// The run's PostgreSQL crashes (SIGKILL of the postmaster) while clients read and register through the front door;
/// the AppHost starts it again. Every service says so on <c>/health</c> (503) and recovers by itself, without a restart
/// of its process; clients get 503 problem details (never a 500 or a stack trace) and everything works afterwards.
/// </summary>
[Collection(DrillCollection.Name)]
public sealed class PostgresRestartDrill(PortalRun portal, ITestOutputHelper output)
{
    /// <summary>The loops that poll every few seconds, which must report a good round after PostgreSQL is back.</summary>
    private static readonly Dictionary<string, string[]> Loops = new()
    {
        ["Catalog.Api"] = ["outbox-dispatcher", "catalog-refresh"],
        ["Docs.Api"] = ["outbox-dispatcher", "docs-build-worker"],
        ["Search.Api"] = ["outbox-dispatcher", "search-reindex-watcher"],
        ["Scaffolder.Api"] = ["outbox-dispatcher", "scaffolder-task-worker"],
        ["Identity.Api"] = ["outbox-dispatcher"],
        ["Scorecards.Api"] = ["outbox-dispatcher", "scorecards-rescore"],
    };

    private readonly ConcurrentQueue<(string Request, int Status, string? ContentType, string Body)> _answers = new();
    private readonly ConcurrentDictionary<string, bool> _saw503 = new();

    [Fact]
    public async Task Every_service_reports_the_outage_and_recovers_without_a_restart()
    {
        var ports = new Dictionary<string, int>
        {
            ["Catalog.Api"] = portal.Ports.Catalog, ["Docs.Api"] = portal.Ports.Docs, ["Search.Api"] = portal.Ports.Search,
            ["Scaffolder.Api"] = portal.Ports.Scaffolder, ["Identity.Api"] = portal.Ports.Identity,
            ["Scorecards.Api"] = portal.Ports.Scorecards,
        };
        foreach (var (service, port) in ports)
        {
            await Eventually.GetAsync(() => portal.HealthAsync(port), health => health.Status == 200, TimeSpan.FromMinutes(3),
                $"{service} healthy before the drill", health => health.Report.ToString());
        }

        var pids = ports.Keys.ToDictionary(service => service, portal.ServicePid);
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(ReadAsync(stop.Token), RegisterAsync(stop.Token), ProbeAsync(ports, stop.Token));
        await Task.Delay(TimeSpan.FromSeconds(3));

        var postmaster = portal.PostmasterPid();
        Process.GetProcessById(postmaster).Kill();
        var sinceKill = Stopwatch.StartNew();
        output.WriteLine($"killed PostgreSQL's postmaster ({postmaster})");
        await Eventually.GetAsync(PostgresAnswersAsync, up => up, TimeSpan.FromMinutes(2), "PostgreSQL started again by the AppHost");
        var postgresBack = sinceKill.Elapsed;
        var backAt = DateTimeOffset.UtcNow;
        var healthyAfterBack = new Dictionary<string, double>();
        foreach (var (service, port) in ports)
        {
            await Eventually.GetAsync(() => portal.HealthAsync(port), health => health.Status == 200, TimeSpan.FromMinutes(2),
                $"{service} healthy again", health => health.Report.ToString());
            healthyAfterBack[service] = Math.Round((sinceKill.Elapsed - postgresBack).TotalSeconds, 1);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await load;

        foreach (var (service, port) in ports)
        {
            Assert.True(_saw503.ContainsKey(service), $"{service}'s /health never answered 503 while PostgreSQL was down");
            Assert.Equal(pids[service], portal.ServicePid(service));
            await Eventually.GetAsync(() => portal.HealthAsync(port), health => Loops[service].All(loop => GoodRoundSince(health.Report, loop, backAt)),
                TimeSpan.FromMinutes(1), $"{service}'s loops ({string.Join(", ", Loops[service])}) alive after PostgreSQL came back",
                health => health.Report.ToString());
        }

        var failures = _answers.Where(answer => answer.Status is < 200 or >= 300).ToList();
        foreach (var failure in failures)
        {
            Assert.True(failure.Status == 503 && failure.ContentType == "application/problem+json" && !failure.Body.Contains("   at ", StringComparison.Ordinal),
                $"{failure.Request} answered {failure.Status} ({failure.ContentType}): {failure.Body}");
        }

        Assert.Contains(_answers, answer => answer.Status is >= 200 and < 300);
        var after = await portal.RegisterLocationAsync("pg-restart/after", Component("pg-restart-after"));
        await Eventually.GetAsync(async () => (await portal.Http.GetAsync("/api/catalog/entities/by-name/component/default/pg-restart-after")).StatusCode,
            status => status == System.Net.HttpStatusCode.OK, TimeSpan.FromMinutes(1), $"the entity of location {after} readable");

        DrillFigures.Report(output, "postgres-crash-restart", new Dictionary<string, object>
        {
            ["postgresBackAfterKillSeconds"] = Math.Round(postgresBack.TotalSeconds, 1),
            ["healthyAfterPostgresBackSeconds"] = healthyAfterBack,
            ["requests"] = _answers.Count,
            ["failedByStatus"] = failures.GroupBy(f => f.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count()),
            ["example503"] = failures.Select(f => f.Body).FirstOrDefault() ?? "",
        });
    }

    private static bool GoodRoundSince(JsonElement report, string loop, DateTimeOffset since) =>
        report.ValueKind == JsonValueKind.Object
        && report.GetProperty("checks").TryGetProperty("background-loops", out var loops)
        && loops.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
        && data.TryGetProperty(loop, out var stamp)
        && DateTimeOffset.Parse(stamp.GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= since.AddSeconds(-1);

    private async Task<bool> PostgresAnswersAsync()
    {
        try
        {
            return await portal.CountAsync("postgres", "SELECT 1") == 1;
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task ReadAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await SendAsync("read", () => portal.Http.GetAsync("/api/catalog/entities/by-query?limit=5"));
            await Task.Delay(200, CancellationToken.None);
        }
    }

    private async Task RegisterAsync(CancellationToken stop)
    {
        for (var index = 0; !stop.IsCancellationRequested; index++)
        {
            var name = $"pg-restart-{index:D4}";
            var file = Path.Combine(portal.Repositories, "pg-restart", name, "catalog-info.yaml");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, Component(name), CancellationToken.None);
            await SendAsync("register " + name, () => portal.Http.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = file }));
            await Task.Delay(300, CancellationToken.None);
        }
    }

    private async Task SendAsync(string request, Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send();
            var body = response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync();
            _answers.Enqueue((request, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            _answers.Enqueue((request, 0, null, exception.Message));
        }
    }

    private async Task ProbeAsync(Dictionary<string, int> ports, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var (service, port) in ports)
            {
                if ((await portal.HealthAsync(port)).Status == 503)
                {
                    _saw503[service] = true;
                }
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static string Component(string name) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: service
          lifecycle: experimental
          owner: team-drills
        """;
}
