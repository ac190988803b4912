using System.Net;
using System.Net.Http.Json;
using Portal.Testing;
using Xunit;
using static Portal.Testing.AuditLogReader;

namespace Docs.Api.Tests;

/// <summary>A docs sync leaves exactly one audit entry, written with the queued build; a refused sync leaves none.</summary>
public sealed class SyncAuditTests(DocsApp app) : IClassFixture<DocsApp>
{
    [Fact]
    public async Task A_sync_records_one_entry_and_a_sync_of_an_unknown_entity_none()
    {
        var name = $"synced-{Guid.NewGuid():N}"[..18];
        await app.RegisterAsync(name, app.Folder(name, Corpus.DocsTemplateSkeleton));
        await app.WaitForFinishedBuildsAsync(name, 1);

        var sync = await app.Http.PostAsync($"/api/techdocs/sync/default/component/{name}", JsonContent.Create(new { }));
        var unknown = await app.Http.PostAsync($"/api/techdocs/sync/default/component/{name}-unknown", JsonContent.Create(new { }));

        Assert.Equal(HttpStatusCode.Accepted, sync.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var entry = Assert.Single(await app.Identity.AuditEntriesAsync($"target={Q($"component:default/{name}")}"));
        Assert.Equal("techdocs.sync", entry.GetProperty("action").GetString());
        Assert.Equal("external:portal-automation", entry.GetProperty("actor").GetString());
        Assert.Equal("succeeded", entry.GetProperty("outcome").GetString());
        Assert.Equal("docs", entry.GetProperty("service").GetString());
        Assert.Empty((await app.Identity.AuditPageAsync($"target={Q($"component:default/{name}-unknown")}")).GetProperty("items").EnumerateArray());
    }
}
