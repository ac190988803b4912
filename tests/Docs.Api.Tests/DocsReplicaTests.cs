using System.Net;
using System.Net.Http.Json;
using Docs.Api.Builds;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task A_build_that_lost_its_lease_leaves_the_site_served_by_the_replica_that_took_it_over()
    {
        const string name = "taken-over";
        var key = $"component:default/{name}";
        await app.RegisterAsync(name, app.Folder(name, Corpus.DocsTemplateSkeleton));
        await app.WaitForFinishedBuildsAsync(name, 1);

        // A replica claimed a build and stopped renewing its lease: another replica queues it again and serves it.
        var stalled = Guid.NewGuid();
        await using (var connection = new NpgsqlConnection(app.DatabaseConnectionString))
        {
            await connection.OpenAsync();
            await using var claim = new NpgsqlCommand("""
                INSERT INTO docs_builds (id, entity_key, state, force, trigger, requested_at, started_at, lease_expires_at, owner, attempts, page_count, warning_count)
                VALUES (@id, @key, 'running', true, 'sync (forced)', now(), now(), now() - interval '1 second', 'stalled-replica', 1, 0, 0)
                """, connection);
            claim.Parameters.AddWithValue("id", stalled);
            claim.Parameters.AddWithValue("key", key);
            await claim.ExecuteNonQueryAsync();
        }

        var takenOver = await app.WaitForFinishedBuildsAsync(name, 3);
        Assert.Equal("succeeded", takenOver.GetProperty("state").GetString());

        // The stalled replica wakes up and finishes its build: not served, and the served site stays whole.
        var runner = app.Services.GetRequiredService<BuildRunner>();
        await runner.RunAsync(new ClaimedBuild(stalled, key, Force: true, "sync (forced)", TraceParent: null), "stalled-replica", CancellationToken.None);

        Assert.Equal(takenOver.GetProperty("id").GetGuid(), (await app.StatusAsync(name))!.Value.GetProperty("servedBuildId").GetGuid());
        using var page = await app.GetPageAsync(name);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
