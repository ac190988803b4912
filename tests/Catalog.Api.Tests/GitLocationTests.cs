using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Catalog.Api.Tests;

/// <summary><c>url</c> locations in git repositories served over smart HTTP, cloned with libgit2 from a real git server.</summary>
public sealed class GitLocationTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    private static string Component(string name, string owner = "team-a", string extra = "") => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: service
          lifecycle: production
          owner: {owner}{extra}
        """;

    private static string Location(string name, params string[] targets) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Location
        metadata:
          name: {name}
        spec:
          targets: [{string.Join(", ", targets)}]
        """;

    [Fact]
    public async Task A_repository_url_reads_its_catalog_info_from_a_clone()
    {
        var repository = app.Git.CreateRepository("git-basic", new Dictionary<string, string>
        {
            ["catalog-info.yaml"] = Component("git-basic-service"),
        });

        var id = await app.RegisterAsync(repository, type: "url");

        var entity = (await app.GetEntityAsync("component", "git-basic-service"))!.Value;
        var annotations = entity.GetProperty("metadata").GetProperty("annotations");
        Assert.Equal($"url:{repository}/catalog-info.yaml", annotations.GetProperty("backstage.io/managed-by-location").GetString());
        Assert.Equal($"url:{repository}/", annotations.GetProperty("backstage.io/source-location").GetString());
        var location = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{id}");
        Assert.Empty(location.GetProperty("errors").EnumerateArray());
        Assert.Equal($"{repository}/catalog-info.yaml", location.GetProperty("target").GetString());
        Assert.Equal(1, app.Git.FetchCount("git-basic"));
        Assert.DoesNotContain(app.Git.Requests, r => r.Contains("/git-basic.git/catalog-info.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nested_locations_and_substitutions_resolve_inside_the_repository_from_one_clone()
    {
        var repository = app.Git.CreateRepository("git-nested", new Dictionary<string, string>
        {
            ["catalog/all.yaml"] = Location("git-nested-all", "./teams/payments.yaml", "/services/ledger.yaml"),
            ["catalog/teams/payments.yaml"] = Component("git-payments", extra: "\n  providesApis: [git-payments-api]")
                + "\n---\n" + """
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata:
                  name: git-payments-api
                spec:
                  type: openapi
                  lifecycle: production
                  owner: team-a
                  definition:
                    $text: ../../apis/payments.yaml
                """,
            ["apis/payments.yaml"] = "openapi: 3.0.0\ninfo: {title: Payments from git, version: '1'}\n",
            ["services/ledger.yaml"] = Component("git-ledger"),
        });

        var id = await app.RegisterAsync(repository + "/catalog/all.yaml", type: "url");

        var location = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{id}");
        Assert.Empty(location.GetProperty("errors").EnumerateArray());
        var api = (await app.GetEntityAsync("api", "git-payments-api"))!.Value;
        Assert.Contains("Payments from git", api.GetProperty("spec").GetProperty("definition").GetString(), StringComparison.Ordinal);
        Assert.Equal($"url:{repository}/catalog/teams/payments.yaml",
            api.GetProperty("metadata").GetProperty("annotations").GetProperty("backstage.io/managed-by-location").GetString());
        var ledger = (await app.GetEntityAsync("component", "git-ledger"))!.Value;
        Assert.Equal($"url:{repository}/services/ledger.yaml",
            ledger.GetProperty("metadata").GetProperty("annotations").GetProperty("backstage.io/managed-by-location").GetString());
        Assert.Equal(1, app.Git.FetchCount("git-nested"));
    }

    [Fact]
    public async Task Targets_that_climb_out_of_the_repository_are_refused_even_on_an_allowed_host()
    {
        app.Git.WriteFile("beside-the-repo.txt", "secret beside the repository");
        app.Git.CreateRepository("git-other", new Dictionary<string, string> { ["catalog-info.yaml"] = Component("git-other-service") });
        var repository = app.Git.CreateRepository("git-escape", new Dictionary<string, string>
        {
            ["catalog-info.yaml"] = Location("git-escape-all", "../git-other.git/catalog-info.yaml") + "\n---\n" + Component("git-leaky",
                extra: "\n  definition:\n    $text: ../beside-the-repo.txt"),
        });

        var id = await app.RegisterAsync(repository, type: "url");

        var location = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{id}");
        var messages = location.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.Contains(messages, m => m.StartsWith($"'../git-other.git/catalog-info.yaml' leaves the git repository '{repository}'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains($"'../beside-the-repo.txt' leaves the git repository '{repository}'", StringComparison.Ordinal));
        Assert.Null(await app.GetEntityAsync("component", "git-other-service"));
        Assert.Null(await app.GetEntityAsync("component", "git-leaky"));
        Assert.DoesNotContain(app.Git.Requests, r => r.Contains("beside-the-repo", StringComparison.Ordinal) || r.Contains("git-other", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_host_not_in_the_allow_list_is_refused_with_problem_details()
    {
        var port = new Uri(app.Git.BaseUrl).Port;
        var response = await app.Http.PostAsJsonAsync("/api/catalog/locations", new { type = "url", target = $"http://localhost:{port}/git-basic.git" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"host 'localhost:{port}' is not allowed: an operator can allow it by adding it to Catalog:Locations:AllowedHosts", problem.GetProperty("detail").GetString());

        var escape = await app.Http.PostAsJsonAsync("/api/catalog/locations", new { type = "url", target = app.Git.Url("git-basic.git/docs%2F..%2F..%2Fsecret.yaml") });
        Assert.Equal(HttpStatusCode.BadRequest, escape.StatusCode);
        Assert.Contains("leaves its git repository", (await escape.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repository_that_redirects_is_refused_before_libgit2_can_follow_it_to_another_host()
    {
        app.Git.CreateRepository("git-redirect-target", new Dictionary<string, string> { ["catalog-info.yaml"] = Component("git-redirected") });
        // localhost is not on the allow list; libgit2 on its own would follow the first redirect there.
        app.Git.Redirect("/git-moved.git", $"http://localhost:{new Uri(app.Git.BaseUrl).Port}/git-redirect-target.git");

        var id = await app.RegisterAsync(app.Git.Url("git-moved.git"), type: "url");

        var error = await SingleErrorAsync(id);
        Assert.Equal($"git repository '{app.Git.Url("git-moved.git")}' redirects to 'http://localhost:{new Uri(app.Git.BaseUrl).Port}/git-redirect-target.git/info/refs?service=git-upload-pack'; redirects are not followed (register the repository's own URL)",
            error.GetProperty("message").GetString());
        Assert.Null(await app.GetEntityAsync("component", "git-redirected"));
        Assert.DoesNotContain(app.Git.Requests, r => r.Contains("git-redirect-target", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_repository_or_file_is_the_locations_not_found_error()
    {
        app.Git.CreateRepository("git-missing-file", new Dictionary<string, string> { ["catalog-info.yaml"] = Component("git-present") });
        var noRepository = await app.RegisterAsync(app.Git.Url("no-such-repo.git"), type: "url");
        var noFile = await app.RegisterAsync(app.Git.Url("git-missing-file.git/nested/absent.yaml"), type: "url");

        var repositoryError = await SingleErrorAsync(noRepository);
        Assert.Equal("NotFoundError", repositoryError.GetProperty("kind").GetString());
        Assert.Equal($"git repository '{app.Git.Url("no-such-repo.git")}' does not exist (the server answered 404 Not Found)",
            repositoryError.GetProperty("message").GetString());
        var fileError = await SingleErrorAsync(noFile);
        Assert.Equal("NotFoundError", fileError.GetProperty("kind").GetString());
        Assert.StartsWith($"'nested/absent.yaml' does not exist in git repository '{app.Git.Url("git-missing-file.git")}' at ",
            fileError.GetProperty("message").GetString(), StringComparison.Ordinal);

        var dryRun = await app.Http.PostAsJsonAsync("/api/catalog/locations?dryRun=true", new { type = "url", target = app.Git.Url("no-such-repo.git") });
        Assert.Equal(HttpStatusCode.BadRequest, dryRun.StatusCode);
        Assert.Contains("does not exist", await dryRun.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pushed_commit_is_read_on_refresh()
    {
        var repository = app.Git.CreateRepository("git-edited", new Dictionary<string, string>
        {
            ["catalog-info.yaml"] = Component("git-edited-service", owner: "team-before"),
        });
        var id = await app.RegisterAsync(repository, type: "url");
        var before = (await app.GetEntityAsync("component", "git-edited-service"))!.Value;
        Assert.Equal("team-before", before.GetProperty("spec").GetProperty("owner").GetString());

        app.Git.Push("git-edited", new Dictionary<string, string> { ["catalog-info.yaml"] = Component("git-edited-service", owner: "team-after") });
        await app.RefreshAsync(id);

        var after = (await app.GetEntityAsync("component", "git-edited-service"))!.Value;
        Assert.Equal("team-after", after.GetProperty("spec").GetProperty("owner").GetString());
        Assert.Equal(before.GetProperty("metadata").GetProperty("uid").GetString(), after.GetProperty("metadata").GetProperty("uid").GetString());
        Assert.Equal(2, app.Git.FetchCount("git-edited"));
    }

    private async Task<JsonElement> SingleErrorAsync(Guid locationId)
    {
        var location = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{locationId}");
        return Assert.Single(location.GetProperty("errors").EnumerateArray());
    }
}
