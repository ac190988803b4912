using System.Net;

namespace Portal.Bench;

/// <summary>
/// The catalog's reads under concurrent clients, what users of a shared portal meet: by-name reads through the front
/// door and straight at the catalog's own address (the front door's cost is the difference), then clients mixing
/// search queries and by-name reads through the front door. Every client sends its next request as soon as the last
/// is answered.
/// </summary>
public static class ConcurrentReadsBench
{
    private const string ByName = "by-name";
    private const string Search = "search";
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task<ConcurrentReadFigures> RunAsync(RunningPortal portal, CatalogGenerator generator, BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(portal);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(arguments);
        var clients = arguments.Int("clients", 20);
        var duration = TimeSpan.FromSeconds(arguments.Int("load-seconds", 20));
        using var catalog = portal.ServiceClient("catalog");
        Progress.Write($"{clients} concurrent clients, {duration.TotalSeconds:0} s per load; the catalog's own address: {catalog.BaseAddress}");

        var frontDoor = await ConcurrentLoad.RunAsync(clients, WarmUp, duration, (client, sent) =>
            ByNameAsync(portal.Http, generator, client, sent));
        var direct = await ConcurrentLoad.RunAsync(clients, WarmUp, duration, (client, sent) =>
            ByNameAsync(catalog, generator, client, sent));
        var mixed = await ConcurrentLoad.RunAsync(clients, WarmUp, duration, (client, sent) => (client + sent) % 2 == 0
            ? SearchAsync(portal.Http, generator, client, sent)
            : ByNameAsync(portal.Http, generator, client, sent));
        foreach (var (what, load) in new[] { ("through the front door", frontDoor), ("straight at the catalog", direct), ("mixed", mixed) })
        {
            if (load.Errors * 2 > load.Requests)
            {
                throw new BenchException($"most concurrent reads {what} failed: {load.Errors} of {load.Requests}");
            }
        }

        Progress.Write($"by-name through the front door {frontDoor.RequestsPerSecond} req/s, straight {direct.RequestsPerSecond} req/s; mixed {mixed.RequestsPerSecond} req/s");

        return new ConcurrentReadFigures(
            clients,
            frontDoor.RequestsPerSecond,
            frontDoor.Percentile(ByName, 50),
            frontDoor.Percentile(ByName, 99),
            frontDoor.Errors,
            direct.RequestsPerSecond,
            direct.Percentile(ByName, 99),
            direct.Errors,
            Math.Round(1 - (frontDoor.RequestsPerSecond / direct.RequestsPerSecond), 3),
            mixed.RequestsPerSecond,
            mixed.Percentile(Search, 50),
            mixed.Percentile(Search, 99),
            mixed.Percentile(ByName, 99),
            mixed.Errors);
    }

    /// <summary>The catalog serves the same paths behind the front door and at its own address.</summary>
    private static async Task<(string Kind, bool Ok)> ByNameAsync(HttpClient http, CatalogGenerator generator, int client, int sent)
    {
        var name = CatalogGenerator.ComponentName(Spread(client, sent, generator.Components));
        using var response = await http.GetAsync($"/api/catalog/entities/by-name/component/default/{name}");
        await response.Content.LoadIntoBufferAsync();
        return (ByName, response.StatusCode == HttpStatusCode.OK);
    }

    /// <summary>A query for one component's name: the search index holds every generated entity once its events are consumed.</summary>
    private static async Task<(string Kind, bool Ok)> SearchAsync(HttpClient http, CatalogGenerator generator, int client, int sent)
    {
        var name = CatalogGenerator.ComponentName(Spread(client, sent, generator.Components));
        using var response = await http.GetAsync($"/api/search/query?term={Uri.EscapeDataString(name)}");
        var body = await response.Content.ReadAsStringAsync();
        return (Search, response.StatusCode == HttpStatusCode.OK && body.Contains(name, StringComparison.Ordinal));
    }

    /// <summary>A different entity for every request of every client, the same sequence in every run.</summary>
    private static int Spread(int client, int sent, int count) => (int)(((long)sent * 7919 + client * 104_729L) % count);
}

public sealed record ConcurrentReadFigures(
    int ConcurrentClients,
    double ByNameConcurrentRps,
    double ByNameConcurrentP50Ms,
    double ByNameConcurrentP99Ms,
    int ByNameConcurrentErrors,
    double ByNameConcurrentCatalogOwnRps,
    double ByNameConcurrentCatalogOwnP99Ms,
    int ByNameConcurrentCatalogOwnErrors,
    double FrontDoorCostShare,
    double MixedConcurrentRps,
    double MixedSearchP50Ms,
    double MixedSearchP99Ms,
    double MixedByNameP99Ms,
    int MixedErrors);
