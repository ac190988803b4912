using Scaffolder.Api.Actions;
using Scaffolder.Api.Sources;
using Xunit;

namespace Scaffolder.Api.Tests;

public sealed class WorkspaceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("portal-workspace-test-").FullName;

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("a/../../outside.txt")]
    [InlineData("/etc/passwd")]
    public void Paths_outside_the_workspace_are_refused(string path)
    {
        using var workspace = new Workspace(Path.Combine(_root, "ws"));
        Assert.Throws<SourceException>(() => workspace.Resolve(path));
    }

    [Fact]
    public async Task Symbolic_links_out_of_the_workspace_are_not_followed()
    {
        using var workspace = new Workspace(Path.Combine(_root, "ws"));
        var outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(workspace.Root, "link"), outside);

        Assert.Throws<SourceException>(() => workspace.Resolve("link/file.txt"));
        await Assert.ThrowsAsync<SourceException>(() => workspace.WriteAsync("link/file.txt", [1], false, CancellationToken.None));
        Assert.Empty(Directory.GetFiles(outside));
    }

    [Fact]
    public async Task Writes_inside_and_is_removed_when_disposed()
    {
        var workspace = new Workspace(Path.Combine(_root, "ws"));
        await workspace.WriteAsync("src/a.txt", "hi"u8.ToArray(), false, CancellationToken.None);
        Assert.Equal(["src/a.txt"], workspace.ListFiles());

        workspace.Dispose();

        Assert.False(Directory.Exists(workspace.Root));
    }

    [Theory]
    [InlineData(".github/workflows/*", ".github/workflows/ci.yaml", true)]
    [InlineData(".github/workflows/*", ".github/workflows/sub/ci.yaml", false)]
    [InlineData("**/*.png", "assets/img/logo.png", true)]
    [InlineData("**/*.png", "logo.png", true)]
    [InlineData("{a,b}.txt", "b.txt", true)]
    public void Globs_match_like_globby(string pattern, string path, bool matches) =>
        Assert.Equal(matches, new Glob(pattern).IsMatch(path));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
