using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Permissions.Policy;
using Xunit;

namespace Portal.Permissions.Tests;

public sealed class PermissionPolicyFileTests : IDisposable
{
    private const string ReadOnly = """
        rules:
          - name: read-only
            permissions: ["*.read"]
            decision: allow
        """;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"portal-policy-{Guid.NewGuid():N}.yaml");

    [Fact]
    public void Unset_file_means_the_built_in_default()
    {
        var policy = Load(null);

        Assert.Null(policy.PolicyFile);
        Assert.Equal("everyone-reads-everything", policy.Decide(Users.User("amara"), PortalPermissions.CatalogEntityRead).Rule);
    }

    [Fact]
    public void A_file_with_errors_refuses_the_start_naming_file_and_lines()
    {
        File.WriteAllText(_path, "rules:\n  - name: x\n    permissions: [nope]\n    decision: allow\n");

        var refused = Assert.Throws<PolicyFileException>(() => Load(_path));

        Assert.Contains(_path, refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, Assert.Single(refused.Errors).Line);
    }

    [Fact]
    public void A_changed_file_is_reloaded_and_a_broken_change_keeps_the_previous_policy()
    {
        File.WriteAllText(_path, ReadOnly);
        var policy = Load(_path);
        Assert.Equal(DecisionResult.Deny, policy.Decide(Users.User("amara"), PortalPermissions.SearchReindex).Result);

        WriteChanged(ReadOnly.Replace("\"*.read\"", "\"*\"", StringComparison.Ordinal));
        Assert.True(policy.ReloadIfChanged());
        Assert.Equal(DecisionResult.Allow, policy.Decide(Users.User("amara"), PortalPermissions.SearchReindex).Result);

        WriteChanged("rules:\n  - name: broken\n    decision: allow\n");
        Assert.False(policy.ReloadIfChanged());
        Assert.Equal(DecisionResult.Allow, policy.Decide(Users.User("amara"), PortalPermissions.SearchReindex).Result);
        Assert.False(policy.ReloadIfChanged());
    }

    public void Dispose() => File.Delete(_path);

    private void WriteChanged(string text)
    {
        var before = File.GetLastWriteTimeUtc(_path);
        File.WriteAllText(_path, text);
        File.SetLastWriteTimeUtc(_path, before.AddSeconds(1));
    }

    private static PermissionPolicy Load(string? path) =>
        new(Options.Create(new PermissionsOptions { PolicyFile = path }), NullLogger<PermissionPolicy>.Instance);
}
