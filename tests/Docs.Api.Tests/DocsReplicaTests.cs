using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Portal.Contracts.Docs.V1;
using Portal.Testing;
using Xunit;

namespace Docs.Api.Tests;

/// <summary>Two replicas of the docs service on one database and one broker, each with a storage folder of its own.</summary>
public sealed class DocsReplicaTests(DocsApp app) : IClassFixture<DocsApp>
{
    private const int Sites = 8;

    [Fact]
    public async Task Builds_requested_through_two_replicas_run_once_each_and_either_replica_serves_every_site()
    {
        var second = await app.StartReplicaAsync();
        HttpClient[] replicas = [app.Http, second];
        var names = Enumerable.Range(0, Sites).Select(i => $"replicated-{i}").ToList();
        foreach (var name in names)
        {
            await app.RegisterAsync(name, app.Folder(name, Corpus.DocsTemplateSkeleton));
        }

        foreach (var name in names)
        {
            Assert.Equal("succeeded", (await app.WaitForFinishedBuildsAsync(name, 1)).GetProperty("state").GetString());
        }

        // A forced rebuild of every site, half of them asked of each replica, all at once.
        var syncs = await Task.WhenAll(names.Select((name, i) =>
            replicas[i % 2].PostAsync($"/api/techdocs/sync/default/component/{name}?force=true", JsonContent.Create(new { }))));
        Assert.All(syncs, sync => Assert.Equal(HttpStatusCode.Accepted, sync.StatusCode));
        foreach (var name in names)
        {
            Assert.Equal("succeeded", (await app.WaitForFinishedBuildsAsync(name, 2)).GetProperty("state").GetString());
        }

        // Each build was claimed once, by one replica, and both replicas built some.
        await using (var connection = new NpgsqlConnection(app.DatabaseConnectionString))
        {
            await connection.OpenAsync();
            await using var builds = new NpgsqlCommand("""
                SELECT count(*), count(*) FILTER (WHERE state = 'succeeded'), sum(attempts), count(DISTINCT owner)
                FROM docs_builds WHERE entity_key LIKE 'component:default/replicated-%'
                """, connection);
            await using var reader = await builds.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(2 * Sites, reader.GetInt64(0));
            Assert.Equal(2 * Sites, reader.GetInt64(1));
            Assert.Equal(2 * Sites, reader.GetInt64(2));
            Assert.Equal(2, reader.GetInt64(3));
        }

        // Each build announced once (the replicas' outbox dispatchers take turns, never both).
        await Eventually.GetAsync(() => Task.FromResult(names.Sum(name => app.EventsOf<DocsBuilt>(name).Count())), n => n >= 2 * Sites,
            TimeSpan.FromSeconds(30), "DocsBuilt of every build");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.All(names, name => Assert.Equal(2, app.EventsOf<DocsBuilt>(name).Select(built => built.BuildId).Distinct().Count()));
        Assert.Equal(2 * Sites, names.Sum(name => app.EventsOf<DocsBuilt>(name).Count()));

        // Whichever replica built a site, both serve it, byte for byte, with one ETag that either replica honours.
        foreach (var name in names)
        {
            var path = $"/api/techdocs/static/docs/default/component/{name}/";
            using var fromFirst = await app.Http.GetAsync(path);
            using var fromSecond = await second.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, fromFirst.StatusCode);
            Assert.Equal(HttpStatusCode.OK, fromSecond.StatusCode);
            Assert.Equal(await fromFirst.Content.ReadAsStringAsync(), await fromSecond.Content.ReadAsStringAsync());
            Assert.Equal(fromFirst.Headers.ETag, fromSecond.Headers.ETag);

            using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
            conditional.Headers.IfNoneMatch.Add(fromFirst.Headers.ETag!);
            using var notModified = await second.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        // Only the served build and the one before it are kept.
        await using (var connection = new NpgsqlConnection(app.DatabaseConnectionString))
        {
            await connection.OpenAsync();
            await using var kept = new NpgsqlCommand(
                "SELECT max(n) FROM (SELECT count(DISTINCT build_id) AS n FROM docs_site_files WHERE site LIKE 'default/component/replicated-%' GROUP BY site) s",
                connection);
            Assert.Equal(2L, await kept.ExecuteScalarAsync());
        }
    }
}
