using System.Net;
using System.Text.Json;
using Portal.Testing;
using Xunit;

namespace Identity.Api.Tests;

/// <summary>The development password grant of <c>portal-cli</c>, for users learned from real catalog events on RabbitMQ.</summary>
[Collection(IdentityCollection.Name)]
public sealed class PasswordGrantTests(IdentityApp app)
{
    private TestIdentityProvider Provider => app.Provider;

    [Fact]
    public async Task A_user_token_names_the_user_and_its_groups_transitively()
    {
        var (org, department, team, guild, user) =
            (CatalogEvents.UniqueName("org"), CatalogEvents.UniqueName("dept"), CatalogEvents.UniqueName("team"),
             CatalogEvents.UniqueName("guild"), CatalogEvents.UniqueName("amara"));
        await app.PublishAsync(
            CatalogEvents.Group(org),
            CatalogEvents.Group(department, parent: org),
            CatalogEvents.Group(team, parent: department),
            CatalogEvents.Group(guild, members: [user]),
            CatalogEvents.User(user, "Amara Okafor", $"{user}@lumen.example", memberOf: [team]));

        var payload = await Eventually.GetAsync(
            () => TryUserTokenAsync(user), p => p is { } token && Ownership(token).Count == 5, TimeSpan.FromSeconds(30),
            "the user and all its groups to be known", p => p?.ToString() ?? "no token") ?? default;

        Assert.Equal($"user:default/{user}", payload.GetProperty("sub").GetString());
        Assert.Equal("user", payload.GetProperty("portal_principal").GetString());
        Assert.Equal("Amara Okafor", payload.GetProperty("name").GetString());
        Assert.Equal($"{user}@lumen.example", payload.GetProperty("email").GetString());
        Assert.Equal(
            new[] { $"user:default/{user}", $"group:default/{department}", $"group:default/{guild}", $"group:default/{org}", $"group:default/{team}" }
                .Order(StringComparer.Ordinal).ToList(),
            Ownership(payload).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task A_user_without_groups_gets_an_ownership_array_of_its_own_ref()
    {
        var user = CatalogEvents.UniqueName("solo");
        await app.PublishAsync(CatalogEvents.User(user, email: $"{user}@lumen.example"));

        var payload = await Eventually.GetAsync(() => TryUserTokenAsync($"{user}@LUMEN.example"), p => p is not null,
            TimeSpan.FromSeconds(30), "the user to be known by email") ?? default;

        Assert.Equal(JsonValueKind.Array, payload.GetProperty("ent").ValueKind);
        Assert.Equal([$"user:default/{user}"], Ownership(payload));
        Assert.Equal(user, payload.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_wrong_password_is_an_invalid_grant()
    {
        var user = await app.KnownUserAsync();

        var (status, body) = await Provider.PostTokenAsync(TestIdentityProvider.PasswordGrant(user, "wrong-password"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task An_unknown_user_is_refused_like_a_wrong_password()
    {
        var (status, body) = await Provider.PostTokenAsync(TestIdentityProvider.PasswordGrant("nobody-" + Guid.NewGuid().ToString("N"), Provider.DevelopmentPassword!));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_refresh_token_gives_a_new_access_token_for_the_same_user()
    {
        var user = await app.KnownUserAsync();
        var first = await Provider.TokenResponseAsync(TestIdentityProvider.PasswordGrant(user, Provider.DevelopmentPassword!));
        var refreshToken = first.GetProperty("refresh_token").GetString()!;

        var refreshed = await Provider.TokenResponseAsync(TestIdentityProvider.RefreshTokenGrant(refreshToken));

        var accessToken = refreshed.GetProperty("access_token").GetString()!;
        Assert.NotEqual(first.GetProperty("access_token").GetString(), accessToken);
        Assert.Equal($"user:default/{user}", Jwt.Payload(accessToken).GetProperty("sub").GetString());
        Assert.Equal([$"user:default/{user}"], Ownership(Jwt.Payload(accessToken)));
    }

    [Fact]
    public async Task A_removed_user_can_neither_sign_in_nor_refresh()
    {
        var user = await app.KnownUserAsync();
        var first = await Provider.TokenResponseAsync(TestIdentityProvider.PasswordGrant(user, Provider.DevelopmentPassword!));

        await app.PublishAsync(CatalogEvents.Removed("User", user));

        await Eventually.GetAsync(() => TryUserTokenAsync(user), p => p is null, TimeSpan.FromSeconds(30), "the removed user to be refused");
        var (status, body) = await Provider.PostTokenAsync(TestIdentityProvider.RefreshTokenGrant(first.GetProperty("refresh_token").GetString()!));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_older_event_does_not_undo_a_newer_one()
    {
        var user = CatalogEvents.UniqueName("older");
        var newer = CatalogEvents.NextGeneration() + 10;
        await app.PublishAsync(CatalogEvents.User(user, "Newest Name", generation: newer));
        await app.WaitUntilKnownAsync(user);

        await app.PublishAsync(CatalogEvents.UserUpdated(user, "Stale Name", generation: newer - 5));
        await app.PublishAsync(CatalogEvents.UserUpdated(user, "Newer Still", generation: newer + 1));

        var payload = await Eventually.GetAsync(() => TryUserTokenAsync(user),
            p => p?.GetProperty("name").GetString() == "Newer Still", TimeSpan.FromSeconds(30), "the newest update") ?? default;
        Assert.Equal("Newer Still", payload.GetProperty("name").GetString());
    }

    /// <summary>The access token's payload, or null while the provider refuses the user.</summary>
    private async Task<JsonElement?> TryUserTokenAsync(string username)
    {
        var (status, body) = await Provider.PostTokenAsync(TestIdentityProvider.PasswordGrant(username, Provider.DevelopmentPassword!));
        return status == HttpStatusCode.OK ? Jwt.Payload(body.GetProperty("access_token").GetString()!) : null;
    }

    private static List<string> Ownership(JsonElement payload) =>
        payload.TryGetProperty("ent", out var ent) && ent.ValueKind == JsonValueKind.Array
            ? [.. ent.EnumerateArray().Select(entry => entry.GetString() ?? "")]
            : [];
}
