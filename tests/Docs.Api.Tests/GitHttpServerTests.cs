using System.Net;
using LibGit2Sharp;
using Portal.Testing;
using Xunit;

namespace Docs.Api.Tests;

/// <summary>The test git server itself: libgit2 clones and fetches from it over smart HTTP, and it serves plain files.</summary>
public sealed class GitHttpServerTests(GitHttpServer server) : IClassFixture<GitHttpServer>, IDisposable
{
    private readonly string _clones = Directory.CreateTempSubdirectory("portal-git-server-test-").FullName;

    [Fact]
    public void Libgit2_clones_a_repository_and_fetches_a_pushed_commit()
    {
        var url = server.CreateRepository("server-clone", new Dictionary<string, string> { ["README.md"] = "first", ["docs/a.md"] = "# A" });

        var path = Repository.Clone(url, Path.Combine(_clones, "clone.git"), new CloneOptions { IsBare = true });
        using var repository = new Repository(path);
        Assert.Equal("first", ((Blob)repository.Head.Tip["README.md"].Target).GetContentText());
        Assert.Equal("# A", ((Blob)repository.Head.Tip["docs/a.md"].Target).GetContentText());

        server.Push("server-clone", new Dictionary<string, string> { ["README.md"] = "second" }, deleted: ["docs/a.md"]);
        Commands.Fetch(repository, "origin", ["+refs/heads/*:refs/heads/*"], new FetchOptions(), null);
        Assert.Equal("second", ((Blob)repository.Branches["main"].Tip["README.md"].Target).GetContentText());
        Assert.Null(repository.Branches["main"].Tip["docs/a.md"]);
        Assert.Equal(2, server.FetchCount("server-clone"));
    }

    [Fact]
    public void Cloning_a_missing_repository_fails_with_404()
    {
        var failure = Assert.ThrowsAny<LibGit2SharpException>(() =>
            Repository.Clone(server.Url("no-such-repo.git"), Path.Combine(_clones, "missing.git"), new CloneOptions { IsBare = true }));
        Assert.Contains("404", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_files_are_served_but_nothing_inside_a_repository_is()
    {
        var url = server.WriteFile("plain/hello.txt", "hello over http");
        server.CreateRepository("server-static", new Dictionary<string, string> { ["catalog-info.yaml"] = "kind: Component" });
        using var http = new HttpClient();

        Assert.Equal("hello over http", await http.GetStringAsync(url));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(server.Url("plain/missing.txt"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(server.Url("server-static.git/catalog-info.yaml"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(server.Url("server-static.git/HEAD"))).StatusCode);
    }

    public void Dispose() => Directory.Delete(_clones, recursive: true);
}
