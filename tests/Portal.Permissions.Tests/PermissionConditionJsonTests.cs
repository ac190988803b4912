using Xunit;

namespace Portal.Permissions.Tests;

public sealed class PermissionConditionJsonTests
{
    [Fact]
    public void Writes_conditions_in_the_policy_files_shape()
    {
        var condition = new AnyOf([new Not(new HasSpecType(["service"])), new IsEntityOwner(), new HasLabel("tier", null), new IsInSystem("system:default/shop")]);

        Assert.Equal(
            """{"anyOf":[{"not":{"hasSpecType":{"types":["service"]}}},{"isEntityOwner":{}},{"hasLabel":{"label":"tier"}},{"isInSystem":{"system":"system:default/shop"}}]}""",
            PermissionConditionJson.ToJson(condition).ToJsonString());
    }
}
