using Portal.Testing;
using Xunit;
using static Portal.Testing.AuditLogReader;

namespace Identity.Api.Tests;

/// <summary>Sign-ins are audited by the identity service itself (action <c>identity.sign-in</c>), succeeded and failed.</summary>
[Collection(IdentityCollection.Name)]
public sealed class SignInAuditTests(IdentityApp app)
{
    private TestIdentityProvider Provider => app.Provider;

    [Fact]
    public async Task A_password_sign_in_records_the_user_and_a_wrong_password_records_a_failure()
    {
        var user = await app.KnownUserAsync("signin");
        var before = DateTimeOffset.UtcNow;
        await Provider.UserTokenAsync(user);
        await Provider.PostTokenAsync(TestIdentityProvider.PasswordGrant(user, "not-the-password"));

        var entries = await Provider.AuditEntriesAsync($"action=identity.sign-in&target={Q(user)}&from={Q(before.ToString("O"))}", count: 2);

        Assert.Equal(2, entries.Count);
        var failed = Assert.Single(entries, e => e.GetProperty("outcome").GetString() == "failed");
        Assert.Equal("anonymous", failed.GetProperty("actor").GetString());
        Assert.Equal("wrong password", failed.GetProperty("reason").GetString());
        var succeeded = Assert.Single(entries, e => e.GetProperty("outcome").GetString() == "succeeded");
        Assert.Equal($"user:default/{user}", succeeded.GetProperty("actor").GetString());
        Assert.Equal("user", succeeded.GetProperty("actorKind").GetString());
        Assert.Equal("identity", succeeded.GetProperty("service").GetString());
        Assert.Equal(32, succeeded.GetProperty("traceId").GetString()!.Length);
        Assert.InRange(succeeded.GetProperty("occurredAt").GetDateTimeOffset(), before.AddSeconds(-1), DateTimeOffset.UtcNow);
        Assert.DoesNotContain(entries, e => e.GetRawText().Contains(Provider.DevelopmentPassword!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_username_is_a_failed_sign_in_naming_what_was_tried()
    {
        var nobody = CatalogEvents.UniqueName("nobody");

        await Provider.PostTokenAsync(TestIdentityProvider.PasswordGrant(nobody, Provider.DevelopmentPassword!));

        var entry = Assert.Single(await Provider.AuditEntriesAsync($"action=identity.sign-in&target={Q(nobody)}"));
        Assert.Equal("failed", entry.GetProperty("outcome").GetString());
        Assert.Equal("no catalog user", entry.GetProperty("reason").GetString());
    }
}
