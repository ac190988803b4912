using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Portal.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Drills.Tests;

/// <summary>
/// RabbitMQ stopped in the middle of 1,000 registrations and started again: clients see no error, the catalog's health
/// says the broker is down meanwhile, and once it is back every entity's event reaches search (the outbox kept them).
/// </summary>
[Collection(DrillCollection.Name)]
public sealed class BrokerOutageDrill(PortalRun portal, ITestOutputHelper output)
{
    private const int Registrations = 1000;
    private const int BeforeOutage = 200;
    private const int Clients = 8;
    private const string Term = "brokeroutagedrill";
    private const int Groups = 4;

    [Fact]
    public async Task Every_registration_reaches_search_after_the_broker_comes_back_and_no_client_sees_an_error()
    {
        var files = Enumerable.Range(0, Registrations).Select(WriteLocation).ToList();
        var errors = new ConcurrentBag<string>();
        var broker = portal.Broker;

        var registering = Stopwatch.StartNew();
        await RegisterAsync(files[..BeforeOutage], errors);
        var beforeOutage = registering.Elapsed;
        await broker.StopAppAsync();
        var outage = Stopwatch.StartNew();
        var seen = new List<string>();
        string brokerDownReport;
        int readCount;
        try
        {
            // While the broker is down: the rest of the registrations, catalog reads, and the catalog's readiness watched.
            using var watching = new CancellationTokenSource();
            var brokerReportedDown = WatchForBrokerDownAsync(seen, watching.Token);
            var reads = ReadWhileRegisteringAsync(errors, watching.Token);
            await RegisterAsync(files[BeforeOutage..], errors);
            var duringOutage = outage.Elapsed;
            await Task.WhenAny(brokerReportedDown, Task.Delay(TimeSpan.FromSeconds(60)));
            await watching.CancelAsync();
            readCount = await reads;
            brokerDownReport = await brokerReportedDown;
            output.WriteLine($"{BeforeOutage} registrations before the outage in {beforeOutage}, {Registrations - BeforeOutage} during it in {duringOutage}");
        }
        finally
        {
            await broker.StartAppAsync();
        }

        await using var timeline = new CatchUpTimeline(portal, () => portal.SearchCountAsync(Term, Groups));
        timeline.Start();
        var downFor = outage.Elapsed;
        output.WriteLine("The catalog's /health while the broker was down:\n  " + string.Join("\n  ", seen));
        var catchUp = Stopwatch.StartNew();
        var found = await Eventually.GetAsync(() => portal.SearchCountAsync(Term, Groups), count => count >= Registrations,
            TimeSpan.FromMinutes(4), $"search to hold all {Registrations} registered entities", count => $"{count} found");
        catchUp.Stop();
        var (stages, samples) = await timeline.StopAsync(Registrations);
        output.WriteLine("After the broker came back:\n" + samples);
        await Eventually.GetAsync(() => portal.HealthAsync(portal.Ports.Catalog), health => health.Status == 200,
            TimeSpan.FromSeconds(60), "the catalog healthy again");

        DrillFigures.Report(output, "broker-outage", new Dictionary<string, object>
        {
            ["registrations"] = Registrations,
            ["registeredDuringOutage"] = Registrations - BeforeOutage,
            ["readsDuringOutage"] = readCount,
            ["brokerDownSeconds"] = Math.Round(downFor.TotalSeconds, 1),
            ["catchUpSeconds"] = Math.Round(catchUp.Elapsed.TotalSeconds, 1),
            ["inSearch"] = found,
            ["clientErrors"] = errors.Count,
            ["brokerDownReport"] = brokerDownReport,
            ["catchUpStages"] = stages,
        });
        Assert.Empty(errors);
        Assert.Equal(Registrations, found);
        Assert.NotEqual("not seen", brokerDownReport);
    }

    private string WriteLocation(int index)
    {
        var name = "outage-" + index.ToString("D4", CultureInfo.InvariantCulture);
        var file = Path.Combine(portal.Repositories, "broker-outage", name + ".yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, $"""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: {name}
              description: {PortalRun.GroupTerm(Term, index % Groups)} component {index}
            spec:
              type: service
              lifecycle: experimental
              owner: team-drills

            """);
        return file;
    }

    private async Task RegisterAsync(IReadOnlyList<string> files, ConcurrentBag<string> errors)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < files.Count)
            {
                try
                {
                    using var response = await portal.Http.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = files[index] });
                    if (!response.IsSuccessStatusCode)
                    {
                        errors.Add($"POST {files[index]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (HttpRequestException exception)
                {
                    errors.Add($"POST {files[index]}: {exception.Message}");
                }
            }
        }));
    }

    private async Task<int> ReadWhileRegisteringAsync(ConcurrentBag<string> errors, CancellationToken stop)
    {
        var reads = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await portal.Http.GetAsync("/api/catalog/entities/by-query?limit=20&filter=kind=component", CancellationToken.None);
                if (!response.IsSuccessStatusCode)
                {
                    errors.Add($"GET by-query: {(int)response.StatusCode}");
                }

                reads++;
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (HttpRequestException exception)
            {
                errors.Add($"GET by-query: {exception.Message}");
            }
        }

        return reads;
    }

    /// <summary>
    /// Every distinct answer of the catalog's <c>/health</c> while the broker is down (HTTP status, the broker check,
    /// MassTransit's bus check); completes once readiness fails naming the broker.
    /// </summary>
    private async Task<string> WatchForBrokerDownAsync(List<string> seen, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var (status, report) = await portal.HealthAsync(portal.Ports.Catalog);
            var checks = status == 0 ? default : report.GetProperty("checks");
            var broker = status != 0 && checks.TryGetProperty("broker", out var check) ? check : default;
            var bus = status == 0 ? default : checks.EnumerateObject().FirstOrDefault(c => c.Name.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
            var observed = status == 0 ? "no answer" : $"{status}: broker {Describe(broker)}; {bus.Name} {Describe(bus.Value)}";
            lock (seen)
            {
                if (!seen.Contains(observed))
                {
                    seen.Add(observed);
                }
            }

            if (status == 503 && broker.ValueKind == System.Text.Json.JsonValueKind.Object
                && broker.GetProperty("status").GetString() == "Unhealthy")
            {
                return observed;
            }

            await Task.Delay(500, CancellationToken.None);
        }

        return "not seen";
    }

    private static string Describe(System.Text.Json.JsonElement check) =>
        check.ValueKind == System.Text.Json.JsonValueKind.Object
            ? $"{check.GetProperty("status").GetString()} ({(check.TryGetProperty("description", out var description) ? description.ToString() : "")})"
            : "missing";
}
