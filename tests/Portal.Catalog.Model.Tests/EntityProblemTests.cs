using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class EntityProblemTests
{
    [Fact]
    public void Reads_as_path_message_and_position()
    {
        Assert.Equal("spec.owner: is required (line 7, column 3)", new EntityProblem("spec.owner", "is required", 7, 3).ToString());
    }

    [Fact]
    public void Leaves_out_what_is_unknown()
    {
        Assert.Equal("spec.owner: is required", new EntityProblem("spec.owner", "is required").ToString());
        Assert.Equal("invalid YAML (line 2, column 1)", new EntityProblem("", "invalid YAML", 2, 1).ToString());
    }
}
