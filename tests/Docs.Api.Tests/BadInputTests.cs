using Portal.Testing;
using Xunit;

namespace Docs.Api.Tests;

/// <summary>A docs service with one built site, to show that bad requests change nothing in it.</summary>
public sealed class SeededDocs : IAsyncLifetime
{
    public DocsApp App { get; } = new();

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await App.RegisterAsync("steady-docs", App.Folder("steady-docs", Corpus.DocsTemplateSkeleton));
        await App.WaitForFinishedBuildsAsync("steady-docs", 1);
    }

    public Task<string> FingerprintAsync() =>
        BadInput.FingerprintAsync(App.DatabaseConnectionString, "docs_builds", "documented_entities");

    public Task DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// The bad-input families against every docs endpoint that takes input: each is a 4xx problem naming the parameter,
/// never a 500, and no build is queued.
/// </summary>
public sealed class BadInputTests(SeededDocs docs) : IClassFixture<SeededDocs>
{
    private const string Site = "default/component/steady-docs";

    public static TheoryData<string, string, string?, string?, int, string> Corpus() => new()
    {
        { "GET", "/api/techdocs/builds?limit=99999999999", null, null, 400, "limit" },
        { "GET", "/api/techdocs/builds?limit=abc", null, null, 400, "limit" },
        { "GET", "/api/techdocs/builds?limit=0", null, null, 400, "limit" },
        { "GET", "/api/techdocs/builds?cursor=%00", null, null, 400, "cursor" },
        { "GET", $"/api/techdocs/builds/{Site}/log?buildId=nope", null, null, 400, "buildId" },
        { "GET", $"/api/techdocs/builds/{Site}/log?buildId=%00", null, null, 400, "buildId" },
        { "GET", $"/api/techdocs/static/docs/{Site}/a%01b.html", null, null, 400, "path" },
        { "GET", $"/api/techdocs/static/docs/{Site}/a%2500b.html", null, null, 400, "path" },
        { "GET", "/api/techdocs/metadata/techdocs/default/component/steady%1Fdocs", null, null, 400, "name" },
        { "GET", "/api/techdocs/metadata/entity/def%7Fault/component/steady-docs", null, null, 400, "namespace" },
        { "GET", "/api/techdocs/builds/default/comp%0Aonent/steady-docs", null, null, 400, "kind" },
        { "POST", $"/api/techdocs/sync/{Site}", null, null, 415, "Content-Type" },
        { "POST", $"/api/techdocs/sync/{Site}?force=true", "", "application/x-www-form-urlencoded", 415, "Content-Type" },
        { "POST", $"/api/techdocs/sync/{Site}", "", "text/plain", 415, "Content-Type" },
        { "POST", $"/api/techdocs/sync/{Site}?force=maybe", "{}", BadInput.Json, 400, "force" },
        { "POST", $"/api/techdocs/sync/{Site}?force=%00", "{}", BadInput.Json, 400, "force" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Bad_input_is_a_4xx_problem_naming_the_parameter_and_changes_nothing(
        string method, string url, string? body, string? contentType, int status, string field)
    {
        var before = await docs.FingerprintAsync();
        await BadInput.AssertRefusedAsync(docs.App.Http, method, url, body, contentType, status, field);
        Assert.Equal(before, await docs.FingerprintAsync());
    }
}
