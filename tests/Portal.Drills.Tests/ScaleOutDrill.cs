using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Portal.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Drills.Tests;

/// <summary>
/// Drill e, on a run with two replicas of every API service (<see cref="ReplicatedPortalRun"/>): first 20 clients
/// reading through the front door — the catalog's by-name, list and by-query reads, search queries and the UI's
/// entity and catalog pages (as a signed-in person) — for two minutes, then two more minutes with
/// one replica of the catalog and of search killed a quarter of the way in; then one location of 100,000 entities with
/// a 10,000-member group (Backstage's stitcher ran out of memory on a 6k-member group, PR #14789), ingested with the
/// catalog's memory bounded. In that order: the large location's 100,000 events take minutes to flow through search,
/// docs and identity on two cores, which the load must not run behind.
/// </summary>
[Collection(ReplicatedCollection.Name)]
[TestCaseOrderer(DrillStepOrderer.TypeName, DrillStepOrderer.AssemblyName)]
public sealed class ScaleOutDrill(ReplicatedPortalRun portal, ITestOutputHelper output)
{
    private const int Clients = 20;
    private const int LoadComponents = 1000;
    private const string LoadPrefix = "loaddrill";
    private const string LoadReader = "load-reader";

    /// <summary>Far above what the catalog needs (≈ 420 MB measured) and far below what an unbounded ingest of 100k would take.</summary>
    private const double PeakRssLimitMegabytes = 700;

    /// <summary>Two minutes per phase, as the issue asks; <c>PORTAL_DRILL_LOAD_SECONDS</c> shortens it when trying the drill out.</summary>
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("PORTAL_DRILL_LOAD_SECONDS"), CultureInfo.InvariantCulture, out var seconds) ? seconds : 120);

    [Fact]
    [DrillStep(1)]
    public async Task Twenty_clients_reading_through_the_front_door_see_no_error_from_two_replicas_nor_when_one_is_killed()
    {
        Assert.Equal(2, portal.ServicePids("Catalog.Api").Count);
        Assert.Equal(2, portal.ServicePids("Search.Api").Count);
        await portal.RegisterLocationAsync("load", LoadYaml());
        await Eventually.GetAsync(() => portal.SearchCountAsync(LoadPrefix, 2), count => count == LoadComponents,
            TimeSpan.FromMinutes(4), "the load drill's components searchable", count => $"{count} of {LoadComponents}");

        var random = new Random(7);
        string Component() => $"{LoadPrefix}-{random.Next(LoadComponents):D4}";
        var requests = new List<(string, string?)>();
        for (var index = 0; index < 50; index++)
        {
            requests.Add(($"/api/catalog/entities/by-name/component/default/{Component()}", null));
            requests.Add(($"/api/catalog/entities?filter=kind=component,spec.owner=team-load&offset={random.Next(LoadComponents - 20)}&limit=20", "\"kind\""));
            requests.Add(("/api/catalog/entities/by-query?limit=20&filter=kind=component,spec.owner=team-load", "\"items\""));
            requests.Add(($"/api/search/query?term={PortalRun.GroupTerm(LoadPrefix, index % 2)}&limit=10", "\"results\""));
            requests.Add(($"/catalog/default/component/{Component()}", "data-testid=\"entity-title\""));
        }

        requests.Add(("/catalog", "data-testid=\"catalog-row\""));
        using var pages = await Eventually.GetAsync(
            () => PageSignIn.SignInAsync(portal.Ports.FrontDoorUrl, LoadReader, portal.Tokens.DevelopmentPassword),
            client => client is not null, TimeSpan.FromMinutes(2), $"{LoadReader} signed in to the pages");
        var load = new ReadLoad(portal.Http, pages!, requests);

        var steady = await load.RunAsync(Clients, LoadDuration);
        Report("load-two-replicas", steady, []);

        var killed = new List<string>();
        var withKill = await load.RunAsync(Clients, LoadDuration, midRun: () =>
        {
            foreach (var service in new[] { "Catalog.Api", "Search.Api" })
            {
                killed.Add($"{service} {portal.Kill(service)} at {LoadDuration.TotalSeconds / 4:0} s");
            }

            return Task.CompletedTask;
        }, midRunAt: LoadDuration / 4);
        Report("load-one-replica-killed", withKill, killed);

        Assert.True(steady.Errors.Count == 0, $"{steady.Errors.Count} errors with two replicas:\n{string.Join('\n', steady.Errors.Take(20))}");
        Assert.True(withKill.Errors.Count == 0, $"{withKill.Errors.Count} errors after {string.Join(", ", killed)}:\n{string.Join('\n', withKill.Errors.Take(20))}");
    }

    [Fact]
    [DrillStep(2)]
    public async Task A_location_of_100k_entities_with_a_10k_member_group_is_ingested_with_bounded_memory()
    {
        var catalogPids = portal.ServicePids("Catalog.Api");
        var before = catalogPids.Max(LargeLocation.RssMegabytes);
        using var sampling = new CancellationTokenSource();
        var peak = LargeLocation.SamplePeakAsync(catalogPids, sampling.Token);

        var clock = Stopwatch.StartNew();
        var location = await portal.RegisterLocationAsync("large-location", LargeLocation.Yaml());
        var status = await Eventually.GetAsync(() => portal.LocationStatusAsync(location),
            s => s.ValueKind == JsonValueKind.Object && s.GetProperty("lastRefreshedAt").ValueKind == JsonValueKind.String,
            TimeSpan.FromMinutes(10), $"location {location} refreshed", s => s.ToString());
        var ingested = clock.Elapsed;
        await sampling.CancelAsync();
        var peakMegabytes = await peak;
        var after = catalogPids.Max(LargeLocation.RssMegabytes);

        Assert.Equal(0, status.GetProperty("errors").GetArrayLength());
        Assert.Equal(LargeLocation.Total + 1, status.GetProperty("entityCount").GetInt32()); // and the registration's Location entity
        var group = await portal.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/entities/by-name/group/default/{LargeLocation.Group}");
        var relations = group.GetProperty("relations").EnumerateArray().Select(r => r.GetProperty("type").GetString()).ToList();
        Assert.Equal(LargeLocation.Members, relations.Count(type => type == "hasMember"));
        Assert.Equal(LargeLocation.Teams, relations.Count(type => type == "parentOf"));
        var member = await portal.Http.GetFromJsonAsync<JsonElement>(
            $"/api/catalog/entities/by-name/user/default/{LargeLocation.MemberName(LargeLocation.Members - 1)}");
        Assert.Contains(member.GetProperty("relations").EnumerateArray(), r => r.GetProperty("type").GetString() == "memberOf"
                                                                             && r.GetProperty("targetRef").GetString() == $"group:default/{LargeLocation.Group}");
        Assert.True(peakMegabytes < PeakRssLimitMegabytes, $"a catalog replica's resident memory peaked at {peakMegabytes:0} MB");

        DrillFigures.Report(output, "large-location", new Dictionary<string, object>
        {
            ["entities"] = LargeLocation.Total,
            ["groupMembers"] = LargeLocation.Members,
            ["catalogReplicas"] = catalogPids.Count,
            ["ingestSeconds"] = Math.Round(ingested.TotalSeconds, 1),
            ["catalogRssBeforeMb"] = Math.Round(before),
            ["catalogRssPeakMb"] = Math.Round(peakMegabytes),
            ["catalogRssAfterMb"] = Math.Round(after),
        });
    }

    private void Report(string drill, LoadFigures figures, IReadOnlyList<string> killed) =>
        DrillFigures.Report(output, drill, new Dictionary<string, object>
        {
            ["clients"] = Clients,
            ["seconds"] = LoadDuration.TotalSeconds,
            ["requests"] = figures.Requests,
            ["errors"] = figures.Errors.Count,
            ["requestsPerSecond"] = figures.RequestsPerSecond,
            ["p50Ms"] = figures.P50Ms,
            ["p99Ms"] = figures.P99Ms,
            ["maxMs"] = figures.MaxMs,
            ["killed"] = string.Join(", ", killed),
        });


    private static string LoadYaml()
    {
        var yaml = new StringBuilder($"""
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata:
              name: {LoadReader}
            spec:
              profile:
                email: {LoadReader}@example.com
              memberOf: []

            """);
        for (var index = 0; index < LoadComponents; index++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: {LoadPrefix}-{index:D4}
                  description: component {index} of the load drill, {PortalRun.GroupTerm(LoadPrefix, index % 2)}
                spec:
                  type: service
                  lifecycle: production
                  owner: team-load

                """);
        }

        return yaml.ToString();
    }
}

/// <summary>The portal with two replicas of every API service (<c>--AppHost:Replicas=2</c>).</summary>
public sealed class ReplicatedPortalRun() : PortalRun("--AppHost:Replicas=2");

[CollectionDefinition(Name)]
public sealed class ReplicatedCollection : ICollectionFixture<ReplicatedPortalRun>
{
    public const string Name = "replicated portal run";
}
