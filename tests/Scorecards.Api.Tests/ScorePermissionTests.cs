using System.Net;
using Portal.Testing;
using Xunit;

namespace Scorecards.Api.Tests;

/// <summary>Scores follow what a user may read in the catalog (<see cref="ScorecardsPolicy"/>).</summary>
[Collection(ScorecardsCollection.Name)]
public sealed class ScorePermissionTests(ScorecardsApp app)
{
    [Fact]
    public async Task A_user_who_reads_only_their_teams_entities_sees_only_their_scores_counts_and_rollups()
    {
        var file = app.WriteFile("owls/catalog-info.yaml", Catalog.Documents(
            Catalog.Scorecard("owls", "t-owls", """
                - name: bronze
                  checks:
                    - { id: described, field: metadata.description }
                """),
            Catalog.Group("team-owl", null, "olive"),
            Catalog.Group("team-fox", null, "finn"),
            Catalog.Group("outsiders", null, "oscar"),
            """
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata:
              name: olive
            spec:
              memberOf: [team-owl]
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata:
              name: oscar
            spec:
              memberOf: [outsiders]
            """,
            Catalog.Component("owl-nest", "t-owls", "team-owl", description: "ours"),
            Catalog.Component("fox-den", "t-owls", "team-fox")));
        await app.RegisterAsync(file);
        await app.ScoreUntilAsync("component", "owl-nest", "owls", s => s.GetProperty("total").GetInt32() == 1, "owl-nest scored");
        await app.ScoreUntilAsync("component", "fox-den", "owls", s => s.GetProperty("total").GetInt32() == 1, "fox-den scored");
        var olive = app.ClientWithToken(await UserTokenAsync("olive"));

        Assert.Equal(HttpStatusCode.OK, (await olive.GetAsync("/api/scorecards/entities/component/default/owl-nest")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await olive.GetAsync("/api/scorecards/entities/component/default/fox-den")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await olive.GetAsync("/api/scorecards/entities/component/default/fox-den/history")).StatusCode);

        var page = await app.GetAsync("/api/scorecards/scorecards/default/owls/entities", olive);
        Assert.Equal("owl-nest", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(1, page.GetProperty("totalItems").GetInt32());
        Assert.Equal(1, (await app.GetAsync("/api/scorecards/scorecards/default/owls", olive)).GetProperty("entities").GetInt32());
        var rollup = await app.GetAsync("/api/scorecards/rollups?scorecard=owls&by=group", olive);
        Assert.Equal(["group:default/team-owl"], rollup.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("ref").GetString()));

        // The admin sees both; someone in outsiders may not read scores at all; nobody but admins rescores.
        Assert.Equal(2, (await app.GetAsync("/api/scorecards/scorecards/default/owls")).GetProperty("entities").GetInt32());
        var oscar = app.ClientWithToken(await UserTokenAsync("oscar"));
        Assert.Equal(HttpStatusCode.Forbidden, (await oscar.GetAsync("/api/scorecards/scorecards")).StatusCode);
        using var rescore = new HttpRequestMessage(HttpMethod.Post, "/api/scorecards/scorecards/default/owls/rescore") { Content = System.Net.Http.Json.JsonContent.Create(new { }) };
        Assert.Equal(HttpStatusCode.Forbidden, (await olive.SendAsync(rescore)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/scorecards/scorecards")).StatusCode);
    }

    /// <summary>A user's token once the identity provider has learned the user (and its groups) from the catalog's events.</summary>
    private Task<string> UserTokenAsync(string user) => Eventually.GetAsync(
        async () =>
        {
            try
            {
                return await app.Identity.UserTokenAsync(user);
            }
            catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or Xunit.Sdk.XunitException)
            {
                return "";
            }
        },
        token => token.Length > 0, TimeSpan.FromSeconds(30), $"a token of {user}");
}
