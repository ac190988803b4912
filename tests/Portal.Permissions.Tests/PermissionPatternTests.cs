using Portal.Permissions.Policy;
using Xunit;

namespace Portal.Permissions.Tests;

public sealed class PermissionPatternTests
{
    [Theory]
    [InlineData("*", "audit.read", true)]
    [InlineData("catalog.*", "catalog.entity.read", true)]
    [InlineData("catalog.*", "search.read", false)]
    [InlineData("*.read", "catalog.location.read", true)]
    [InlineData("*.read", "catalog.location.create", false)]
    [InlineData("catalog.*.read", "catalog.entity.read", true)]
    [InlineData("search.read", "search.read", true)]
    [InlineData("search.read", "search.reindex", false)]
    public void Permission_patterns_match_with_stars(string pattern, string name, bool matches) =>
        Assert.Equal(matches, PermissionPattern.Matches(pattern, name));

    [Theory]
    [InlineData("plugin:*", "plugin:search", true)]
    [InlineData("plugin:*", "external:x", false)]
    [InlineData("user:default/Amara", "user:default/amara", true)]
    public void Principals_match_exactly_or_by_prefix(string pattern, string subject, bool matches) =>
        Assert.Equal(matches, PermissionPattern.MatchesPrincipal(pattern, subject));
}
