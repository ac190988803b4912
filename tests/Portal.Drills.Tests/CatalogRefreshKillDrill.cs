using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Portal.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Drills.Tests;

/// <summary>
/// The catalog killed (SIGKILL) in the middle of refreshing a large location: its claim is a row lock of a
/// transaction, so the kill rolls the half-done refresh back and frees the location, and the restarted catalog claims
/// it again and completes it; nothing stays claimed.
/// </summary>
[Collection(DrillCollection.Name)]
public sealed class CatalogRefreshKillDrill(PortalRun portal, ITestOutputHelper output)
{
    private const int Entities = 10_000;

    /// <summary>Transactions of other sessions holding the claim lock on <c>locations</c> for more than a second: a refresh under way.</summary>
    private const string RefreshesUnderWay = """
        SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.relation = 'locations'::regclass AND l.mode = 'RowShareLock' AND a.pid <> pg_backend_pid()
          AND clock_timestamp() - a.xact_start > interval '1 second'
        """;

    [Fact]
    public async Task A_refresh_whose_replica_was_killed_is_claimed_again_and_completes()
    {
        var location = await portal.RegisterLocationAsync("refresh-kill", Yaml());
        await Eventually.GetAsync(() => portal.CountAsync("catalogdb", RefreshesUnderWay), count => count > 0, TimeSpan.FromMinutes(2),
            "the catalog in the middle of refreshing the location", count => $"{count} refreshes under way");
        var pid = portal.Kill("Catalog.Api");
        var sinceKill = Stopwatch.StartNew();
        output.WriteLine($"killed Catalog.Api ({pid}) while it refreshed location {location}");
        Assert.Equal(0, await portal.CountAsync("catalogdb", $"SELECT count(*) FROM locations WHERE id = '{location}' AND last_refreshed_at IS NOT NULL"));

        await Eventually.GetAsync(() => portal.HealthAsync(portal.Ports.Catalog), health => health.Status == 200,
            TimeSpan.FromMinutes(3), "the catalog restarted and healthy", health => health.Report.ToString());
        var healthyAfter = sinceKill.Elapsed;
        var refreshed = await Eventually.GetAsync(() => portal.LocationStatusAsync(location),
            status => status.ValueKind == JsonValueKind.Object && status.GetProperty("lastRefreshedAt").ValueKind == JsonValueKind.String,
            TimeSpan.FromMinutes(3), $"location {location} refreshed again", status => status.ToString());
        var refreshedAfter = sinceKill.Elapsed;

        Assert.Equal(Entities + 1, refreshed.GetProperty("entityCount").GetInt32()); // and the Location entity of the registration
        Assert.Equal(0, refreshed.GetProperty("errors").GetArrayLength());
        Assert.Equal(0, await portal.CountAsync("catalogdb", RefreshesUnderWay));
        Assert.Equal(1, await portal.CountAsync("catalogdb", $"SELECT count(*) FROM locations WHERE id = '{location}' AND next_refresh_at > now()"));
        using var last = await portal.Http.GetAsync($"/api/catalog/entities/by-name/component/default/refresh-kill-{Entities - 1:D4}");
        Assert.True(last.IsSuccessStatusCode, $"the location's last entity: {(int)last.StatusCode}");

        DrillFigures.Report(output, "sigkill-catalog-refresh", new Dictionary<string, object>
        {
            ["entities"] = Entities,
            ["healthyAfterKillSeconds"] = Math.Round(healthyAfter.TotalSeconds, 1),
            ["refreshedAfterKillSeconds"] = Math.Round(refreshedAfter.TotalSeconds, 1),
        });
    }


    private static string Yaml()
    {
        var yaml = new StringBuilder();
        for (var index = 0; index < Entities; index++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: refresh-kill-{index:D4}
                  description: component {index} of the catalog's kill drill
                spec:
                  type: library
                  lifecycle: experimental
                  owner: team-drills

                """);
        }

        return yaml.ToString();
    }
}
